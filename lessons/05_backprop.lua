-- 05_backprop.lua — numerical differentiation (수치미분) against backpropagation: central
-- differences by hand and with autograd.numgrad, partial derivatives, the chain rule on a tiny
-- graph, backward(), gradcheck, the graph of a small network, and why backprop is so much cheaper.
return {
  name = "backprop",
  title = { ko = "수치 미분과 역전파", en = "Numerical differentiation and backpropagation" },
  intro = {
    ko = [[
      경사하강법에는 손실의 기울기가 필요해요. 기울기를 구하는 방법은 두 가지예요. 입력을 아주
      조금 바꿔 보고 출력의 변화를 재는 수치 미분, 그리고 계산 과정을 거꾸로 따라가며 연쇄
      법칙으로 구하는 역전파(backpropagation)예요. 두 방법을 직접 비교해 볼게요.
    ]],
    en = [[
      Gradient descent needs the gradient of the loss. There are two ways to get it: numerical
      differentiation, which nudges an input and measures how the output changes, and
      backpropagation, which walks the computation backwards with the chain rule. Let us compare.
    ]],
  },
  steps = {
    {
      title = { ko = "수치 미분", en = "Numerical differentiation" },
      text = {
        ko = [[
          미분은 x를 아주 조금(h) 움직였을 때 f(x)가 얼마나 변하는지의 비율이에요. 컴퓨터에서는 h를
          작은 수로 두고 직접 계산할 수 있어요. 양쪽으로 움직이는 중앙 차분이 한쪽만 보는 것보다
          훨씬 정확해요.

              f'(x) ≈ (f(x + h) - f(x - h)) / (2h)

          f(x) = x^2의 x = 3에서의 미분은 정확히 6이에요.
        ]],
        en = [[
          A derivative is how much f(x) changes per tiny change h of x, and a computer can just
          measure it with a small h. Stepping both ways (the central difference) is far more
          accurate than stepping one way:

              f'(x) ≈ (f(x + h) - f(x - h)) / (2h)

          For f(x) = x^2 at x = 3 the exact derivative is 6.
        ]],
      },
      code = [[
        function numerical_derivative(f, x, h)
          h = h or 1e-4
          return (f(x + h) - f(x - h)) / (2 * h)
        end
        function square(x) return x ^ 2 end
        numerical_derivative(square, 3)
        (square(3 + 1e-4) - square(3)) / 1e-4
      ]],
    },
    {
      title = { ko = "h는 얼마나 작아야 할까", en = "How small should h be?" },
      text = {
        ko = [[
          h가 크면 곡선을 직선으로 어림한 오차가 크고, h가 너무 작으면 컴퓨터의 반올림 오차가
          커져요. 소수점 아래 유한한 자리만 저장하기 때문이에요. 보통 1e-4 정도가 적당해요.
          (lunet의 텐서는 32비트 실수라서 `autograd.numgrad`는 기본으로 h = 1e-2를 써요.)
        ]],
        en = [[
          A large h gives a large error from treating the curve as a straight line; a tiny h makes
          rounding errors grow, because a computer keeps only finitely many digits. Around 1e-4 is
          usually right. (lunet's tensors are 32-bit floats, so `autograd.numgrad` uses h = 1e-2.)
        ]],
      },
      code = [[
        for _, h in ipairs{1e-1, 1e-4, 1e-8, 1e-13} do
          print(("h = %g   error = %.2e"):format(h, math.abs(numerical_derivative(math.exp, 1, h) - math.exp(1))))
        end
      ]],
    },
    {
      title = { ko = "편미분과 기울기 벡터", en = "Partial derivatives and the gradient" },
      text = {
        ko = [[
          변수가 여러 개면 하나씩만 움직이며 미분해요(편미분). 모든 편미분을 모은 벡터가
          기울기(gradient)예요. f(x0, x1) = x0^2 + x1^2의 (3, 4)에서의 기울기는 (6, 8)이에요.
          `autograd.numgrad(f, x)`는 텐서 x의 원소를 하나씩 움직여서 수치 미분으로 기울기를 구해요.
        ]],
        en = [[
          With several variables, move one at a time (partial derivatives); together they form the
          gradient. For f(x0, x1) = x0^2 + x1^2 at (3, 4) it is (6, 8). `autograd.numgrad(f, x)`
          nudges the elements of the tensor x one by one and returns the numerical gradient.
        ]],
      },
      code = [[
        function f2(x) return (x ^ 2):sum() end
        autograd.numgrad(f2, tensor{3, 4})
      ]],
    },
    {
      title = { ko = "역전파로 같은 기울기", en = "The same gradient by backpropagation" },
      text = {
        ko = [[
          autograd는 계산하면서 계산 그래프를 기록해 두었다가, `backward()`로 출력에서 입력 쪽으로
          거꾸로 내려가며 기울기를 구해요. 수치 미분과 같은 값이 나오지만, 입력을 하나씩 움직여
          볼 필요가 없어요.
        ]],
        en = [[
          autograd records the computation graph as it computes; `backward()` walks it from the
          output back to the inputs. Same values as the numerical gradient, without nudging each
          input separately.
        ]],
      },
      code = [[
        x = tensor{3, 4}:requires_grad()
        y = f2(x)
        y:backward()
        x.grad
      ]],
    },
    {
      title = { ko = "연쇄 법칙을 손으로", en = "The chain rule by hand" },
      text = {
        ko = [[
          f = (x + y)·z 를 생각해 볼게요. 중간값 q = x + y를 두면 f = q·z예요.
          x = 2, y = 3, z = -4일 때 순전파로 q = 5, f = -20이에요.

          역전파는 출력에서 시작해서 각 단계의 국소 미분을 곱해 나가요.

              df/dz = q = 5                df/dq = z = -4
              df/dx = df/dq · dq/dx = -4 · 1 = -4
              df/dy = df/dq · dq/dy = -4 · 1 = -4

          층이 많은 신경망도 똑같아요. 위층의 기울기를 알면 아래층의 기울기가 곱셈 한 번으로
          나와요. 그래서 미분값이 위에서 아래로 전파된다고 해서 역전파라고 불러요.
        ]],
        en = [[
          Take f = (x + y)·z. With the intermediate q = x + y, f = q·z. For x = 2, y = 3, z = -4
          the forward pass gives q = 5 and f = -20.

          Backpropagation starts at the output and multiplies the local derivatives on the way back:

              df/dz = q = 5                df/dq = z = -4
              df/dx = df/dq · dq/dx = -4 · 1 = -4
              df/dy = df/dq · dq/dy = -4 · 1 = -4

          Deep networks work the same way: once a layer's gradient is known, the layer below it is
          one multiplication away. The derivatives flow from the top down, hence the name.
        ]],
      },
      code = [[
        px = tensor{2}:requires_grad()
        py = tensor{3}:requires_grad()
        pz = tensor{-4}:requires_grad()
        q = px + py
        fq = q * pz
        fq:sum():backward()
        px.grad, py.grad, pz.grad
      ]],
    },
    {
      title = { ko = "연습: backward로 기울기 구하기", en = "Practice: a gradient with backward" },
      text = {
        ko = [[
          f(x) = Σ x·sin(x)의 기울기는 원소마다 sin(x) + x·cos(x)예요. autograd로 구해서 공식과
          맞는지 확인해 보세요.
        ]],
        en = [[
          The gradient of f(x) = Σ x·sin(x) is sin(x) + x·cos(x) for each element. Get it with
          autograd and compare with the formula.
        ]],
      },
      task = {
        ko = "xs = tensor{0.5, 1, 2}에서 (xs * xs:sin()):sum()의 기울기를 backward로 구해서 g에 넣어 보세요.",
        en = "With backward, compute the gradient of (xs * xs:sin()):sum() at xs = tensor{0.5, 1, 2} and store it in g.",
      },
      hint = {
        ko = "`xs = tensor{0.5, 1, 2}:requires_grad()`, `(xs * xs:sin()):sum():backward()`, 그리고 `g = xs.grad`",
        en = "`xs = tensor{0.5, 1, 2}:requires_grad()`, `(xs * xs:sin()):sum():backward()`, then `g = xs.grad`",
      },
      solution = [[
        xs = tensor{0.5, 1, 2}:requires_grad()
        (xs * xs:sin()):sum():backward()
        g = xs.grad
        g
        xs:detach():sin() + xs:detach() * xs:detach():cos()
      ]],
      check = function(c)
        local g = c.tensor("g", { 3 })
        for i, v in ipairs { 0.5, 1, 2 } do
          c.near(g[i], math.sin(v) + v * math.cos(v), 1e-4, ("g[%d]"):format(i))
        end
      end,
    },
    {
      title = { ko = "gradcheck: 역전파 검산하기", en = "gradcheck: checking backprop" },
      text = {
        ko = [[
          수치 미분은 느리지만 간단해서 틀리기 어려워요. 그래서 역전파가 맞게 구현되었는지
          검산할 때 써요. `autograd.gradcheck(f, {입력들})`은 두 방법의 결과를 모든 원소에서
          비교해서, 맞는지(true/false)와 가장 큰 차이를 돌려줘요.
        ]],
        en = [[
          Numerical differentiation is slow but simple and hard to get wrong, so it is how backprop
          implementations are checked. `autograd.gradcheck(f, {inputs})` compares both methods on
          every element and returns whether they agree and the largest difference.
        ]],
      },
      code = [[
        A = tensor.randn(4, 3)
        B = tensor.randn(3, 2)
        autograd.gradcheck(function(a, b) return a:dot(b):sigmoid() end, {A, B})
      ]],
    },
    {
      title = { ko = "작은 신경망의 계산 그래프", en = "The graph of a small network" },
      text = {
        ko = [[
          XOR 데이터에 은닉층 하나(뉴런 3개)를 둔 신경망을 텐서로 직접 만들고, 손실의 계산 그래프를
          출력해 볼게요. 아래에서 위로 읽으면 순전파, 위에서 아래로 읽으면 역전파의 순서예요.
          leaf는 학습할 파라미터, const는 데이터예요.
        ]],
        en = [[
          A network with one hidden layer of three neurons, built from tensors on the XOR data, and
          the graph of its loss. Read bottom-up it is the forward pass, top-down the backward pass.
          leaf marks parameters to learn, const the data.
        ]],
      },
      code = [[
        tensor.seed(5)
        X, Y = data.gates.XOR.x, data.gates.XOR.y
        W1 = tensor.randn(2, 3):requires_grad()
        b1 = tensor.zeros(3):requires_grad()
        W2 = tensor.randn(3, 1):requires_grad()
        b2 = tensor.zeros(1):requires_grad()
        function forward() return ((X:dot(W1) + b1):sigmoid():dot(W2) + b2):sigmoid() end
        loss = ((forward() - Y) ^ 2):mean()
        autograd.graph(loss)
        loss:backward()
        W1.grad
        autograd.numgrad(function(w) return ((((X:dot(w) + b1):sigmoid():dot(W2) + b2):sigmoid() - Y) ^ 2):mean() end, W1:detach())
      ]],
    },
    {
      title = { ko = "왜 역전파인가: 계산량", en = "Why backprop: the cost" },
      text = {
        ko = [[
          수치 미분은 파라미터 하나마다 순전파를 두 번 해야 해요. 784-256-256-256-256-10 신경망은
          파라미터가 400,906개라서 한 번 업데이트하는 데 순전파가 80만 번 넘게 필요해요. 역전파는
          순전파 한 번과 그와 비슷한 양의 역방향 계산 한 번이면 모든 기울기가 나와요.
          파라미터 2,000개짜리 층으로 시간을 재 볼게요.
        ]],
        en = [[
          Numerical differentiation needs two forward passes per parameter. The 784-256-256-256-256-10
          network has 400,906 parameters: over 800,000 forward passes for one update. Backprop gets
          every gradient from one forward pass and one backward pass of similar cost. Timing a
          layer of 2,000 parameters:
        ]],
      },
      code = [[
        Xb = tensor.randn(32, 100)
        Wb = tensor.randn(100, 20):requires_grad()
        Wb:numel()
        t = os.clock()
        gn = autograd.numgrad(function(w) return Xb:dot(w):tanh():sum() end, Wb)
        numeric_time = os.clock() - t
        t = os.clock()
        Xb:dot(Wb):tanh():sum():backward()
        backprop_time = os.clock() - t
        print(("numerical: %.5f s   backprop: %.5f s"):format(numeric_time, backprop_time))
        (gn - Wb.grad):abs():max()
      ]],
      replay = false,
    },
    {
      title = { ko = "정리", en = "Summary" },
      text = {
        ko = [[
          - 수치 미분: (f(x+h) - f(x-h)) / 2h. 간단하지만 파라미터마다 계산해야 해서 느려요.
          - 역전파: 연쇄 법칙으로 출력에서 입력 쪽으로 기울기를 한 번에 구해요.
          - `backward()`가 역전파, `autograd.numgrad`가 수치 미분, `gradcheck`가 둘의 비교예요.

          다음 수업에서는 분류 문제의 출력층, 소프트맥스와 교차 엔트로피를 배워요: `lesson.start(6)`
        ]],
        en = [[
          - Numerical differentiation, (f(x+h) - f(x-h)) / 2h: simple, but one computation per
            parameter, so slow.
          - Backpropagation: the chain rule from the output back, every gradient in one pass.
          - `backward()` is backprop, `autograd.numgrad` the numerical way, `gradcheck` compares them.

          Next, the output layer of classifiers: softmax and cross-entropy: `lesson.start(6)`
        ]],
      },
    },
  },
}
