-- 00_tensors.lua — tensors: shapes, elementwise arithmetic, the dot product, broadcasting,
-- boolean masks and reshaping (the numpy basics of the course, with lunet's tensor).
return {
  name = "tensors",
  title = { ko = "텐서 기초: 모양, 연산, 내적, 브로드캐스팅", en = "Tensor basics: shapes, arithmetic, dot products, broadcasting" },
  intro = {
    ko = [[
      딥러닝의 데이터는 모두 텐서(tensor)에 담겨요. 이 수업에서는 텐서를 만들고, 모양을
      확인하고, 계산하는 방법을 익혀요. 강의에서 numpy로 하던 것을 lunet에서는 `tensor`로 해요.
      코드는 프롬프트에서 직접 입력해도 돼요. 모든 변수는 전역 변수로 남아요.
    ]],
    en = [[
      All data in deep learning lives in tensors. In this lesson you make tensors, look at their
      shapes and compute with them. What the course does with numpy, lunet does with `tensor`.
      Feel free to type at the prompt at any time; every variable stays available.
    ]],
  },
  steps = {
    {
      title = { ko = "스칼라, 벡터, 행렬", en = "Scalars, vectors, matrices" },
      text = {
        ko = [[
          텐서는 숫자를 담는 다차원 배열이에요. 축(axis)의 개수에 따라 이름이 달라요.

          - 스칼라: 숫자 하나 (0차원 텐서)
          - 벡터: 숫자의 줄 (1차원 텐서)
          - 행렬: 행과 열 (2차원 텐서)
          - 그 이상: 3차원, 4차원 텐서 (예: 이미지 여러 장)

          데이터를 불러오면 먼저 모양(shape)과 축의 개수(dim)를 확인하는 습관을 들이세요.
        ]],
        en = [[
          A tensor is a multi-dimensional array of numbers, named by its number of axes:

          - scalar: one number (a 0-D tensor)
          - vector: a row of numbers (1-D)
          - matrix: rows and columns (2-D)
          - beyond: 3-D and 4-D tensors (e.g. a batch of images)

          Whenever you load data, first look at its shape and its number of axes.
        ]],
      },
      code = [[
        v = tensor{1, 2, 3, 4}
        v
        v:shape()
        v:dim()
        A = tensor{{1, 2}, {3, 4}}
        A
        A:shape()
        A:dim()
      ]],
    },
    {
      title = { ko = "원소 꺼내기: 번호는 1부터", en = "Indexing starts at 1" },
      text = {
        ko = [[
          Python은 번호를 0부터 매기지만 Lua와 lunet은 1부터 매겨요. `v[1]`이 첫 번째 원소예요.
          2차원 텐서에서 `A[2]`는 두 번째 행이고, `A[2][1]`은 2행 1열의 원소예요.
          `t:numel()`은 원소의 전체 개수예요.
        ]],
        en = [[
          Python counts from 0; Lua and lunet count from 1, so `v[1]` is the first element. For a
          2-D tensor `A[2]` is the second row and `A[2][1]` the element in row 2, column 1.
          `t:numel()` is the number of elements.
        ]],
      },
      code = [[
        v[1]
        A[2]
        A[2][1]
        A:numel()
      ]],
    },
    {
      title = { ko = "원소별 사칙연산", en = "Elementwise arithmetic" },
      text = {
        ko = [[
          모양이 같은 두 텐서에 `+ - * /`를 쓰면 같은 자리의 원소끼리 계산해요.
          `*`도 원소끼리의 곱이라는 점을 기억하세요. 행렬의 곱은 다음 단계에서 따로 배워요.
        ]],
        en = [[
          With two tensors of the same shape, `+ - * /` work element by element. Note that `*` is
          the elementwise product too; the matrix product comes in the next step.
        ]],
      },
      code = [[
        a = tensor{1, 2, 3, 4}
        b = tensor{0.4, 0.4, 0.3, 0.2}
        a + b
        a - b
        a * b
        a / b
      ]],
    },
    {
      title = { ko = "행렬의 곱: dot", en = "The matrix product: dot" },
      text = {
        ko = [[
          행렬의 곱은 `A:dot(B)`(또는 `tensor.matmul(A, B)`)로 해요. 결과의 (i, j) 원소는
          A의 i행과 B의 j열을 원소끼리 곱해서 모두 더한 값이에요.

              c11 = a11*b11 + a12*b21      c12 = a11*b12 + a12*b22
              c21 = a21*b11 + a22*b21      c22 = a21*b12 + a22*b22

          `A * B`(원소별 곱)와 `A:dot(B)`(행렬 곱)의 결과를 비교해 보세요.
        ]],
        en = [[
          The matrix product is `A:dot(B)` (or `tensor.matmul(A, B)`). Element (i, j) of the result
          multiplies row i of A with column j of B element by element and adds everything up:

              c11 = a11*b11 + a12*b21      c12 = a11*b12 + a12*b22
              c21 = a21*b11 + a22*b21      c22 = a21*b12 + a22*b22

          Compare `A * B` (elementwise) with `A:dot(B)` (the matrix product).
        ]],
      },
      code = [[
        A = tensor{{1, 2}, {3, 4}}
        B = tensor{{5, 6}, {7, 8}}
        A * B
        A:dot(B)
        1*5 + 2*7
      ]],
    },
    {
      title = { ko = "벡터의 내적", en = "The dot product of two vectors" },
      text = {
        ko = [[
          두 벡터의 내적(inner product, dot product)은 같은 자리의 원소를 곱해서 모두 더한
          숫자 하나예요. 퍼셉트론의 `w·x = w1*x1 + w2*x2 + ...`가 바로 내적이에요.
        ]],
        en = [[
          The dot product of two vectors multiplies matching elements and adds them up into one
          number. A perceptron's `w·x = w1*x1 + w2*x2 + ...` is exactly this.
        ]],
      },
      task = {
        ko = "u = tensor{1, 2, 3}와 v = tensor{4, 5, 6}의 내적을 구해서 d에 넣어 보세요.",
        en = "Compute the dot product of u = tensor{1, 2, 3} and v = tensor{4, 5, 6} and store it in d.",
      },
      hint = {
        ko = "`u:dot(v)`를 쓰거나, `(u * v):sum()`처럼 곱한 뒤 더해도 돼요. 1*4 + 2*5 + 3*6은 얼마일까요?",
        en = "Use `u:dot(v)`, or multiply and add: `(u * v):sum()`. What is 1*4 + 2*5 + 3*6?",
      },
      solution = [[
        u = tensor{1, 2, 3}
        v = tensor{4, 5, 6}
        d = u:dot(v)
      ]],
      check = function(c)
        local d = c.defined("d")
        if lunet.tensor.is_tensor(d) then
          c.ok(d:numel() == 1, {
            ko = ("내적은 숫자 하나인데, d는 원소가 %d개인 텐서예요. 곱한 뒤 모두 더했나요?"):format(d:numel()),
            en = ("A dot product is one number, but d is a tensor of %d elements. Did you add them up?"):format(d:numel()),
          })
          d = d:item()
        end
        c.ok(type(d) == "number", { ko = "d에는 숫자가 들어 있어야 해요", en = "d should hold a number" })
        c.near(d, 32, 1e-4, "d")
      end,
    },
    {
      title = { ko = "행렬 곱의 모양 규칙", en = "The shape rule of the matrix product" },
      text = {
        ko = [[
          (n x k) 행렬과 (k x m) 행렬을 곱하면 (n x m) 행렬이 나와요. 앞 행렬의 열 수와 뒤 행렬의
          행 수가 같아야 해요. 예를 들어 (2 x 2)·(2 x 3) = (2 x 3)이에요.
          크기가 맞지 않으면 오류가 나요. `pcall`로 오류 메시지를 받아서 읽어 볼게요.
        ]],
        en = [[
          An (n x k) matrix times a (k x m) matrix gives an (n x m) matrix: the columns of the first
          must match the rows of the second, e.g. (2 x 2)·(2 x 3) = (2 x 3). When they do not match
          you get an error; `pcall` catches it so we can read the message.
        ]],
      },
      code = [[
        P = tensor{{1, 2}, {3, 4}}
        Q = tensor{{1, 0, 0}, {0, 1, 0}}
        P:dot(Q)
        P:dot(Q):shape()
        pcall(tensor.matmul, P, tensor.ones(3, 2))
      ]],
    },
    {
      title = { ko = "브로드캐스팅", en = "Broadcasting" },
      text = {
        ko = [[
          모양이 다른 텐서끼리도 계산할 수 있는 경우가 있어요. 작은 쪽을 복사해서 큰 쪽 모양에
          맞춰 주는 것을 브로드캐스팅이라고 해요.

          - 숫자 하나(스칼라)는 모든 원소에 적용돼요.
          - 길이 2인 벡터는 각 행에 더해져요 (행 방향 확장).
          - 2x1 텐서는 각 열에 더해져요 (열 방향 확장).
        ]],
        en = [[
          Tensors of different shapes can still be combined when the smaller one can be repeated
          to fit the larger one. This is called broadcasting.

          - A single number (a scalar) applies to every element.
          - A vector of length 2 is added to every row.
          - A 2x1 tensor is added to every column.
        ]],
      },
      code = [[
        A = tensor{{1, 2}, {3, 4}}
        A * 10
        A + tensor{10, 20}
        A + tensor{{10}, {20}}
      ]],
    },
    {
      title = { ko = "연습: 열 평균 빼기", en = "Practice: subtract the column means" },
      text = {
        ko = [[
          데이터 전처리에서 자주 하는 일은 각 특성(열)의 평균을 빼서 가운데를 0으로 맞추는 거예요.
          `X:mean(1)`은 첫 번째 축을 따라 평균을 내요. 즉, 열마다 평균 하나씩, 모양이 {3}인 텐서가
          나와요. 이것을 X에서 빼면 브로드캐스팅이 알아서 모든 행에 적용해요.
        ]],
        en = [[
          A common preprocessing step centres each feature (column) by subtracting its mean.
          `X:mean(1)` averages along the first axis: one mean per column, a tensor of shape {3}.
          Subtracting it from X broadcasts over every row.
        ]],
      },
      code = [[
        X = tensor{{1, 2, 3}, {5, 8, 13}}
        X:mean(1)
      ]],
      task = {
        ko = "X의 각 열에서 그 열의 평균을 뺀 텐서를 Xc에 넣어 보세요. (모양은 2x3 그대로예요)",
        en = "Store in Xc the tensor X with each column's mean subtracted (still of shape 2x3).",
      },
      hint = { ko = "`Xc = X - X:mean(1)`", en = "`Xc = X - X:mean(1)`" },
      solution = [[Xc = X - X:mean(1)]],
      check = function(c)
        local Xc = c.tensor("Xc", { 2, 3 })
        local want = { { -2, -3, -5 }, { 2, 3, 5 } }
        for i = 1, 2 do
          for j = 1, 3 do c.near(Xc[i][j], want[i][j], 1e-4, ("Xc[%d][%d]"):format(i, j)) end
        end
      end,
    },
    {
      title = { ko = "조건으로 골라내기", en = "Selecting with a condition" },
      text = {
        ko = [[
          `t:gt(3)`은 3보다 큰 자리에 1, 아닌 자리에 0을 둔 텐서예요. 이것을 마스크로 써서
          `t:masked(mask)`로 조건에 맞는 원소만 골라낼 수 있어요. numpy의 `a[a > 3]`과 같아요.
        ]],
        en = [[
          `t:gt(3)` is 1 where an element is greater than 3 and 0 elsewhere. Used as a mask,
          `t:masked(mask)` picks the matching elements, like numpy's `a[a > 3]`.
        ]],
      },
      code = [[
        t = tensor{1, 2, 3, 4, 5}
        t:gt(3)
        t:masked(t:gt(3))
      ]],
    },
    {
      title = { ko = "모양 바꾸기: reshape와 전치", en = "Changing the shape: reshape and transpose" },
      text = {
        ko = [[
          `reshape`는 원소의 순서는 그대로 두고 모양만 바꿔요. 원소의 개수는 같아야 해요.
          300x20 텐서는 20x300으로도, 15x400으로도 바꿀 수 있어요. 한 축에 -1을 쓰면 나머지
          축을 보고 크기를 알아서 정해요.

          전치(`t:T()`)는 행과 열을 맞바꿔요. 모양이 같아 보여도 reshape와는 결과가 달라요.
        ]],
        en = [[
          `reshape` keeps the elements in order and changes only the shape, so the number of
          elements must stay the same: a 300x20 tensor can become 20x300 or 15x400. One -1 lets
          lunet work out that axis from the others.

          Transposing (`t:T()`) swaps rows and columns, which is not the same as reshaping.
        ]],
      },
      code = [[
        big = tensor.zeros(300, 20)
        big:reshape(20, 300):shape()
        big:reshape(15, 400):shape()
        big:reshape(-1, 400):shape()
        m = tensor{{1, 2, 3}, {4, 5, 6}}
        m:reshape(3, 2)
        m:T()
      ]],
    },
    {
      title = { ko = "연습: 1부터 12까지를 3x4로", en = "Practice: 1 to 12 as 3x4" },
      text = {
        ko = [[
          `tensor.arange(1, 13)`은 1부터 12까지의 벡터예요 (numpy처럼 끝값 13은 빠져요).
          MNIST 이미지(28x28)를 784개 숫자의 벡터로 펴는 것도 같은 reshape예요.
        ]],
        en = [[
          `tensor.arange(1, 13)` is the vector 1..12 (as in numpy the end, 13, is left out).
          Flattening a 28x28 MNIST image into 784 numbers is the same kind of reshape.
        ]],
      },
      task = {
        ko = "tensor.arange(1, 13)을 3행 4열로 바꿔서 M에 넣어 보세요.",
        en = "Reshape tensor.arange(1, 13) into 3 rows and 4 columns and store it in M.",
      },
      hint = { ko = "`M = tensor.arange(1, 13):reshape(3, 4)`", en = "`M = tensor.arange(1, 13):reshape(3, 4)`" },
      solution = [[M = tensor.arange(1, 13):reshape(3, 4)]],
      check = function(c)
        local M = c.tensor("M", { 3, 4 })
        c.near(M[2][1], 5, 1e-6, "M[2][1]")
        c.near(M[3][4], 12, 1e-6, "M[3][4]")
      end,
    },
    {
      title = { ko = "그래프 그리기", en = "Drawing a graph" },
      text = {
        ko = [[
          마지막으로 텐서를 그래프로 그려 볼게요. 0부터 6까지 0.1 간격의 x를 만들고 sin(x)를
          그려요. `plot.line(x, y)`는 gnuplot으로 그림을 그려요. 창이 없는 터미널에서는 글자로
          그려지고, `plot.save("sin.png")`로 그림 파일도 만들 수 있어요.
        ]],
        en = [[
          Finally, a graph: x from 0 to 6 in steps of 0.1, and sin(x). `plot.line(x, y)` draws with
          gnuplot: in a terminal without windows the picture is drawn in characters, and
          `plot.save("sin.png")` writes a picture file.
        ]],
      },
      code = [[
        x = tensor.arange(0, 6, 0.1)
        x:shape()
        plot.line(x, x:sin(), {title = "sin(x)", xlabel = "x"})
      ]],
      replay = false,
    },
    {
      title = { ko = "정리", en = "Summary" },
      text = {
        ko = [[
          - `tensor{...}`로 만들고, `:shape()`와 `:dim()`으로 모양을 확인해요.
          - `+ - * /`는 원소끼리, `:dot()`은 행렬 곱(내적)이에요.
          - 모양이 달라도 브로드캐스팅으로 계산할 수 있어요.
          - `:reshape()`는 원소 수를 유지한 채 모양을 바꿔요.

          다음 수업에서는 이 내적으로 퍼셉트론을 만들어요: `lesson.start(1)`
        ]],
        en = [[
          - Make tensors with `tensor{...}`; look at them with `:shape()` and `:dim()`.
          - `+ - * /` work element by element; `:dot()` is the matrix (dot) product.
          - Broadcasting combines tensors of different shapes.
          - `:reshape()` changes the shape and keeps the number of elements.

          Next, the dot product becomes a perceptron: `lesson.start(1)`
        ]],
      },
    },
  },
}
