-- 01_perceptron.lua — the perceptron: AND, OR and NAND with weights and thresholds set by hand
-- (the threshold tables), the same with a bias and tensors, the line it draws between the
-- points, and a single sigmoid perceptron that learns the gates by itself.
return {
  name = "perceptron",
  title = { ko = "퍼셉트론과 논리 게이트", en = "The perceptron and logic gates" },
  intro = {
    ko = [[
      퍼셉트론은 입력마다 가중치를 곱해 더한 값이 임계값을 넘으면 1, 아니면 0을 내보내는
      가장 단순한 인공 뉴런이에요. 이 수업에서는 가중치와 임계값을 직접 정해서 AND, OR, NAND
      게이트를 만들고, 마지막에는 퍼셉트론이 스스로 가중치를 배우게 해요.
    ]],
    en = [[
      A perceptron is the simplest artificial neuron: it multiplies each input by a weight, adds
      them up, and outputs 1 when the sum is above a threshold, 0 otherwise. In this lesson you
      set weights and thresholds by hand to build AND, OR and NAND, and then let a perceptron
      learn its weights by itself.
    ]],
  },
  steps = {
    {
      title = { ko = "퍼셉트론의 식", en = "The perceptron's formula" },
      text = {
        ko = [[
          입력 두 개 x1, x2와 가중치 w1, w2, 임계값 θ(theta)가 있을 때 퍼셉트론의 출력은 이래요.

              y = 0   (w1*x1 + w2*x2 <= θ 일 때)
              y = 1   (w1*x1 + w2*x2 >  θ 일 때)

          가중치는 각 입력이 얼마나 중요한지를, 임계값은 뉴런이 얼마나 쉽게 켜지는지를 정해요.
          이 식을 Lua 함수로 옮겨 볼게요.
        ]],
        en = [[
          With two inputs x1, x2, weights w1, w2 and a threshold θ (theta), the perceptron outputs

              y = 0   (when w1*x1 + w2*x2 <= θ)
              y = 1   (when w1*x1 + w2*x2 >  θ)

          The weights say how much each input matters; the threshold how easily the neuron fires.
          Here is the formula as a Lua function.
        ]],
      },
      code = [[
        function perceptron(x1, x2, w1, w2, theta)
          if w1 * x1 + w2 * x2 > theta then return 1 else return 0 end
        end
        perceptron(1, 1, 0.5, 0.5, 0.7)
        perceptron(1, 0, 0.5, 0.5, 0.7)
      ]],
    },
    {
      title = { ko = "AND 게이트: 임계값 표", en = "The AND gate: the threshold table" },
      text = {
        ko = [[
          AND는 두 입력이 모두 1일 때만 1이에요. 네 가지 입력마다 퍼셉트론이 맞는 답을 내려면
          아래 조건을 모두 만족해야 해요.

              x1 x2 | w1*x1+w2*x2 - θ     | y
              0  0  | -θ        <= 0      | 0
              0  1  | w2 - θ    <= 0      | 0
              1  0  | w1 - θ    <= 0      | 0
              1  1  | w1+w2 - θ >  0      | 1

          예를 들어 w1 = w2 = 0.5, θ = 0.7이면 0.5 <= 0.7이고 1.0 > 0.7이라서 모두 맞아요.
          조건을 만족하는 값은 이것 말고도 무수히 많아요.
        ]],
        en = [[
          AND is 1 only when both inputs are 1. For the perceptron to answer all four inputs
          correctly, every condition below must hold:

              x1 x2 | w1*x1+w2*x2 - θ     | y
              0  0  | -θ        <= 0      | 0
              0  1  | w2 - θ    <= 0      | 0
              1  0  | w1 - θ    <= 0      | 0
              1  1  | w1+w2 - θ >  0      | 1

          For example w1 = w2 = 0.5 and θ = 0.7: 0.5 <= 0.7 and 1.0 > 0.7, so all four hold.
          Infinitely many other values work too.
        ]],
      },
      code = [[
        function AND(x1, x2) return perceptron(x1, x2, 0.5, 0.5, 0.7) end
        for _, x in ipairs{{0, 0}, {0, 1}, {1, 0}, {1, 1}} do
          print(x[1], x[2], "->", AND(x[1], x[2]))
        end
      ]],
    },
    {
      title = { ko = "OR 게이트를 직접 만들어 보기", en = "Build the OR gate yourself" },
      text = {
        ko = [[
          OR는 입력 중 하나라도 1이면 1이에요. 조건표를 세워 보세요.

              x1 x2 | w1*x1+w2*x2 - θ     | y
              0  0  | -θ        <= 0      | 0
              0  1  | w2 - θ    >  0      | 1
              1  0  | w1 - θ    >  0      | 1
              1  1  | w1+w2 - θ >  0      | 1

          θ는 0 이상이고, w1과 w2는 각각 θ보다 커야 해요.
        ]],
        en = [[
          OR is 1 when at least one input is 1. Its table of conditions:

              x1 x2 | w1*x1+w2*x2 - θ     | y
              0  0  | -θ        <= 0      | 0
              0  1  | w2 - θ    >  0      | 1
              1  0  | w1 - θ    >  0      | 1
              1  1  | w1+w2 - θ >  0      | 1

          So θ is at least 0, and w1 and w2 are each larger than θ.
        ]],
      },
      task = {
        ko = "OR가 되도록 전역 변수 w1, w2, theta에 값을 넣어 보세요. (형식: w1, w2, theta = 값, 값, 값)",
        en = "Give the globals w1, w2 and theta values that make OR (as in: w1, w2, theta = value, value, value).",
      },
      hint = {
        ko = "θ = 0.2로 두고, w1과 w2는 0.2보다 큰 값(예: 0.5)으로 해 보세요. `w1, w2, theta = 0.5, 0.5, 0.2`",
        en = "Take θ = 0.2 and weights above 0.2, e.g. 0.5: `w1, w2, theta = 0.5, 0.5, 0.2`",
      },
      solution = [[w1, w2, theta = 0.5, 0.5, 0.2]],
      check = function(c)
        local a, b, t = c.number("w1"), c.number("w2"), c.number("theta")
        local want = { [0] = { [0] = 0, 1 }, { [0] = 1, 1 } }
        for x1 = 0, 1 do
          for x2 = 0, 1 do
            local y = (a * x1 + b * x2 > t) and 1 or 0
            c.ok(y == want[x1][x2], {
              ko = ("입력 (%d, %d)의 출력이 %d인데, OR라면 %d이어야 해요."):format(x1, x2, y, want[x1][x2]),
              en = ("Input (%d, %d) gives %d; OR gives %d."):format(x1, x2, y, want[x1][x2]),
            })
          end
        end
      end,
    },
    {
      title = { ko = "NAND 게이트: 음수 가중치", en = "The NAND gate: negative weights" },
      text = {
        ko = [[
          NAND는 AND의 반대예요. 두 입력이 모두 1일 때만 0이에요.

              x1 x2 | w1*x1+w2*x2 - θ     | y | 조건
              0  0  | -θ        >  0      | 1 | θ < 0
              0  1  | w2 - θ    >  0      | 1 | θ < w2
              1  0  | w1 - θ    >  0      | 1 | θ < w1
              1  1  | w1+w2 - θ <= 0      | 0 | θ >= w1 + w2

          θ가 음수이고 w1 + w2가 θ보다 작으려면 가중치도 음수여야 해요. AND의 가중치와
          임계값에 모두 -1을 곱하면 돼요: w1 = w2 = -0.5, θ = -0.7.
        ]],
        en = [[
          NAND is the opposite of AND: 0 only when both inputs are 1.

              x1 x2 | w1*x1+w2*x2 - θ     | y | condition
              0  0  | -θ        >  0      | 1 | θ < 0
              0  1  | w2 - θ    >  0      | 1 | θ < w2
              1  0  | w1 - θ    >  0      | 1 | θ < w1
              1  1  | w1+w2 - θ <= 0      | 0 | θ >= w1 + w2

          θ is negative and w1 + w2 must not exceed it, so the weights are negative too. Multiply
          AND's weights and threshold by -1: w1 = w2 = -0.5, θ = -0.7.
        ]],
      },
      code = [[
        function OR(x1, x2) return perceptron(x1, x2, 0.5, 0.5, 0.2) end
        function NAND(x1, x2) return perceptron(x1, x2, -0.5, -0.5, -0.7) end
        for _, x in ipairs{{0, 0}, {0, 1}, {1, 0}, {1, 1}} do
          print(x[1], x[2], "AND", AND(x[1], x[2]), "OR", OR(x[1], x[2]), "NAND", NAND(x[1], x[2]))
        end
      ]],
    },
    {
      title = { ko = "편향(bias)과 텐서로 한 번에", en = "With a bias, all at once with tensors" },
      text = {
        ko = [[
          임계값을 왼쪽으로 넘기면 b = -θ라는 편향(bias)이 돼요.

              y = 1   (b + w1*x1 + w2*x2 > 0 일 때),   아니면 0

          이렇게 쓰면 입력 네 개를 행렬 X(4x2)로 묶어서 `X:dot(w) + b`로 한 번에 계산할 수
          있어요. `step()`은 0보다 큰 곳은 1, 나머지는 0으로 바꾸는 계단 함수예요.
          `data.gates`에는 AND, OR, NAND, XOR의 진리표가 들어 있어요.
        ]],
        en = [[
          Moving the threshold to the left-hand side turns it into a bias b = -θ:

              y = 1   (when b + w1*x1 + w2*x2 > 0),   else 0

          Now the four inputs fit in one matrix X (4x2) and `X:dot(w) + b` computes them all at
          once. `step()` is the step function: 1 where its input is above 0, else 0.
          `data.gates` holds the truth tables of AND, OR, NAND and XOR.
        ]],
      },
      code = [[
        X = data.gates.AND.x
        X
        w = tensor{{0.5}, {0.5}}
        b = -0.7
        X:dot(w) + b
        (X:dot(w) + b):step()
        data.gates.AND.y
      ]],
    },
    {
      title = { ko = "퍼셉트론은 직선으로 나눠요", en = "A perceptron splits the plane with a line" },
      text = {
        ko = [[
          b + w1*x1 + w2*x2 = 0을 x2에 대해 풀면 직선이 나와요.

              x2 = -(w1/w2)*x1 - b/w2

          이 직선의 한쪽은 1, 다른 쪽은 0이에요. AND에서는 (1, 1)만 직선 위쪽에 있어요.
          `plot.boundary`로 두 영역과 네 점을 그려 볼게요. 점의 숫자(또는 색)는 정답이에요.
        ]],
        en = [[
          Solving b + w1*x1 + w2*x2 = 0 for x2 gives a straight line:

              x2 = -(w1/w2)*x1 - b/w2

          One side of it outputs 1, the other 0; for AND only (1, 1) lies above it.
          `plot.boundary` draws both regions and the four points (their digit or colour is the answer).
        ]],
      },
      code = [[
        function and_gate(x1, x2) return (0.5 * x1 + 0.5 * x2 - 0.7 > 0) and 1 or 0 end
        plot.boundary(and_gate, {-0.5, 1.5, -0.5, 1.5}, data.gates.AND.x, data.gates.AND.y, {title = "AND"})
      ]],
      replay = false,
    },
    {
      title = { ko = "스스로 배우는 퍼셉트론", en = "A perceptron that learns" },
      text = {
        ko = [[
          지금까지는 가중치를 사람이 정했어요. 이제 데이터에서 가중치를 배우게 해 볼게요.
          계단 함수 대신 부드러운 시그모이드 함수를 써요. 출력이 0과 1 사이의 값이라서
          "1일 확률"로 읽을 수 있고, 기울기를 구할 수 있어서 학습이 돼요 (왜 계단 함수로는 학습이
          안 되는지는 3번 수업에서 봐요).

          Keras처럼 모델을 만들고(`nn.Sequential`), 손실 함수와 최적화 방법을 정하고(`compile`),
          데이터로 학습시켜요(`fit`). Dense(1)은 가중치 2개와 편향 1개를 가진 퍼셉트론 하나예요.
        ]],
        en = [[
          So far a person chose the weights. Now the data will. Instead of the step function we use
          the smooth sigmoid: its output lies between 0 and 1, reads as "the probability of 1", and
          has a gradient, so it can be trained (lesson 3 shows why the step function cannot).

          As in Keras: build the model (`nn.Sequential`), choose the loss and the optimizer
          (`compile`), and train on the data (`fit`). Dense(1) is one perceptron: two weights and
          one bias.
        ]],
      },
      code = [[
        tensor.seed(1)
        X, Y = data.gates.AND.x, data.gates.AND.y
        model = nn.Sequential{nn.Dense(1, "sigmoid")}
        model:compile{optimizer = optim.SGD{lr = 1}, loss = "binary_crossentropy", metrics = {"accuracy"}}
        history = model:fit(X, Y, {epochs = 300, batch_size = 4, verbose = 0})
        history.loss[1], history.loss[#history.loss]
        model:predict(X)
        metrics.accuracy(model:predict(X), Y)
      ]],
      check = function(c)
        c.ok(metrics.accuracy(model:predict(X), Y) == 1,
             { ko = "AND를 모두 맞히지 못했어요", en = "the model does not get all of AND right" })
      end,
    },
    {
      title = { ko = "배운 직선 보기", en = "The line it learned" },
      text = {
        ko = [[
          학습된 가중치와 편향을 보고, 모델이 나눈 영역을 그려 볼게요. 가운데의 옅은 띠는 모델이
          확신하지 못하는(출력이 0.5 근처인) 곳이에요. 여전히 직선 하나로 나뉘어 있어요.
        ]],
        en = [[
          Here are the learned weights and bias, and the regions the model draws. The pale band is
          where it is unsure (outputs near 0.5). It is still one straight line.
        ]],
      },
      code = [[
        model:parameters()
        plot.boundary(model, {-0.5, 1.5, -0.5, 1.5}, X, Y, {title = "AND (learned)"})
      ]],
      replay = false,
    },
    {
      title = { ko = "연습: OR를 배우는 퍼셉트론", en = "Practice: a perceptron that learns OR" },
      text = {
        ko = [[
          같은 방법으로 OR를 배우는 퍼셉트론을 만들어 보세요. OR의 진리표는 `data.gates.OR`에 있어요.
        ]],
        en = [[
          Do the same for OR. Its truth table is `data.gates.OR`.
        ]],
      },
      task = {
        ko = "OR를 학습한 모델을 m_or에 넣어 보세요. 네 입력을 모두 맞히면 통과예요.",
        en = "Train a model on OR and store it in m_or. It passes when it gets all four inputs right.",
      },
      hint = {
        ko = [[
          앞 단계의 코드를 그대로 쓰되, 데이터만 `data.gates.OR.x`, `data.gates.OR.y`로 바꾸세요.
          모델 이름은 m_or로 하고, compile과 fit도 m_or에 해요.
        ]],
        en = [[
          Reuse the previous step's code with `data.gates.OR.x` and `data.gates.OR.y`; call the model
          m_or and compile and fit m_or.
        ]],
      },
      solution = [[
        m_or = nn.Sequential{nn.Dense(1, "sigmoid")}
        m_or:compile{optimizer = optim.SGD{lr = 1}, loss = "binary_crossentropy"}
        h_or = m_or:fit(data.gates.OR.x, data.gates.OR.y, {epochs = 300, batch_size = 4, verbose = 0})
        m_or:predict(data.gates.OR.x)
      ]],
      check = function(c)
        local m = c.defined("m_or")
        c.ok(type(m) == "table" or type(m) == "userdata", { ko = "m_or 변수는 모델이어야 해요", en = "m_or should be a model" })
        local ok, p = pcall(function() return m:predict(data.gates.OR.x) end)
        c.ok(ok, { ko = "m_or:predict가 실행되지 않아요: " .. tostring(p), en = "m_or:predict fails: " .. tostring(p) })
        local acc = metrics.accuracy(p, data.gates.OR.y)
        c.ok(acc == 1, { ko = ("지금 정확도: %.2f. 더 학습시켜 보세요 (epochs를 늘려요)."):format(acc),
                         en = ("The accuracy is %.2f; train longer (more epochs)."):format(acc) })
      end,
    },
    {
      title = { ko = "정리", en = "Summary" },
      text = {
        ko = [[
          - 퍼셉트론은 가중합 w·x + b가 0보다 크면 1을 내보내요.
          - AND, OR, NAND는 가중치와 임계값만 바꾼 같은 퍼셉트론이에요.
          - 퍼셉트론 하나는 평면을 직선 하나로 나눠요.
          - 시그모이드를 쓰면 가중치를 데이터로부터 배울 수 있어요.

          그런데 직선 하나로 나눌 수 없는 게이트가 있어요. 다음 수업: `lesson.start(2)` (XOR)
        ]],
        en = [[
          - A perceptron outputs 1 when the weighted sum w·x + b is above 0.
          - AND, OR and NAND are the same perceptron with other weights and thresholds.
          - One perceptron splits the plane with one straight line.
          - With a sigmoid, the weights can be learned from data.

          But one gate cannot be split by any line. Next: `lesson.start(2)` (XOR)
        ]],
      },
    },
  },
}
