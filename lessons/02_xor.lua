-- 02_xor.lua — XOR: why one perceptron cannot separate it (the contradictory threshold table and
-- a training run that fails), XOR = AND(NAND, OR) by hand, the same as a two-layer network of
-- matrices, and a multi-layer perceptron that learns it with curved decision regions.
return {
  name = "xor",
  title = { ko = "XOR 문제와 다층 퍼셉트론", en = "The XOR problem and the multi-layer perceptron" },
  intro = {
    ko = [[
      XOR(배타적 논리합)는 두 입력이 서로 다를 때만 1이에요. 1969년 민스키와 페퍼트는 퍼셉트론
      하나로는 XOR를 만들 수 없다는 것을 보였고, 이 일로 신경망 연구는 한동안 침체기를 겪었어요.
      이 수업에서는 그 이유를 직접 확인하고, 층을 하나 더 쌓아서 문제를 풀어요.
    ]],
    en = [[
      XOR (exclusive or) is 1 only when its two inputs differ. In 1969 Minsky and Papert showed
      that a single perceptron cannot compute it, and neural network research went quiet for
      years. In this lesson you see why, then solve it by stacking one more layer.
    ]],
  },
  steps = {
    {
      title = { ko = "XOR의 임계값 표", en = "XOR's threshold table" },
      text = {
        ko = [[
          지난 수업처럼 조건표를 세워 볼게요.

              x1 x2 | w1*x1+w2*x2 - θ     | y | 조건
              0  0  | -θ        <= 0      | 0 | θ >= 0
              0  1  | w2 - θ    >  0      | 1 | w2 > θ
              1  0  | w1 - θ    >  0      | 1 | w1 > θ
              1  1  | w1+w2 - θ <= 0      | 0 | w1 + w2 <= θ

          가운데 두 줄을 더하면 w1 + w2 > 2θ이고, θ >= 0이니 w1 + w2 > θ예요. 그런데 마지막 줄은
          w1 + w2 <= θ를 요구해요. 네 조건을 동시에 만족하는 값은 없어요. 평면 위에서 보면, (0,1)과
          (1,0)을 한쪽에, (0,0)과 (1,1)을 다른 쪽에 두는 직선은 그을 수 없다는 뜻이에요.
        ]],
        en = [[
          As in the last lesson, write down the conditions:

              x1 x2 | w1*x1+w2*x2 - θ     | y | condition
              0  0  | -θ        <= 0      | 0 | θ >= 0
              0  1  | w2 - θ    >  0      | 1 | w2 > θ
              1  0  | w1 - θ    >  0      | 1 | w1 > θ
              1  1  | w1+w2 - θ <= 0      | 0 | w1 + w2 <= θ

          Adding the middle rows gives w1 + w2 > 2θ, and with θ >= 0 that means w1 + w2 > θ, but the
          last row demands w1 + w2 <= θ. No values satisfy all four. On the plane: no straight line
          puts (0,1) and (1,0) on one side and (0,0) and (1,1) on the other.
        ]],
      },
      code = [[
        X, Y = data.gates.XOR.x, data.gates.XOR.y
        X
        Y
      ]],
    },
    {
      title = { ko = "퍼셉트론 하나로 학습해 보기", en = "Training one perceptron anyway" },
      text = {
        ko = [[
          그래도 시그모이드 퍼셉트론 하나에 XOR를 학습시켜 볼게요. 손실이 어느 값에서 더 내려가지
          않고, 출력은 모두 0.5 근처에 머물러요. 직선 하나로는 네 점 중 세 개까지만 맞힐 수 있어요.
        ]],
        en = [[
          Let us train a single sigmoid perceptron on XOR anyway. The loss gets stuck, the outputs stay
          near 0.5: a straight line gets at most three of the four points right.
        ]],
      },
      code = [[
        tensor.seed(2)
        single = nn.Sequential{nn.Dense(1, "sigmoid")}
        single:compile{optimizer = optim.SGD{lr = 1}, loss = "binary_crossentropy"}
        h1 = single:fit(X, Y, {epochs = 500, batch_size = 4, verbose = 0})
        h1.loss[1], h1.loss[#h1.loss]
        single:predict(X)
        metrics.accuracy(single:predict(X), Y)
      ]],
      check = function(c)
        c.ok(metrics.accuracy(single:predict(X), Y) < 1,
             { ko = "퍼셉트론 하나가 XOR를 맞혔어요?!", en = "a single perceptron solved XOR?!" })
      end,
    },
    {
      title = { ko = "실패한 경계선", en = "The boundary that fails" },
      text = {
        ko = "퍼셉트론이 그은 경계를 그려 보면 어떤 직선도 네 점을 제대로 나누지 못하는 게 보여요.",
        en = "Drawing the perceptron's boundary shows that no straight line separates the four points.",
      },
      code = [[
        plot.boundary(single, {-0.5, 1.5, -0.5, 1.5}, X, Y, {title = "XOR, one perceptron"})
      ]],
      replay = false,
    },
    {
      title = { ko = "게이트를 조합하면: XOR = AND(NAND, OR)", en = "Combining gates: XOR = AND(NAND, OR)" },
      text = {
        ko = [[
          퍼셉트론 하나로는 안 되지만, 여러 개를 이으면 돼요. 입력을 NAND와 OR에 동시에 넣고,
          두 결과를 AND에 넣어 보세요.

              A  B | C = NAND(A,B)  D = OR(A,B) | E = AND(C,D)
              0  0 |      1              0      |      0
              0  1 |      1              1      |      1
              1  0 |      1              1      |      1
              1  1 |      0              1      |      0

          E 열이 XOR와 똑같아요. 지난 수업의 게이트 함수를 다시 만들어 둘게요.
        ]],
        en = [[
          One perceptron cannot do it, but several can. Feed the inputs to NAND and OR at the same
          time, then feed both results to AND:

              A  B | C = NAND(A,B)  D = OR(A,B) | E = AND(C,D)
              0  0 |      1              0      |      0
              0  1 |      1              1      |      1
              1  0 |      1              1      |      1
              1  1 |      0              1      |      0

          Column E is XOR. Here are the gates from the last lesson again.
        ]],
      },
      code = [[
        function perceptron(x1, x2, w1, w2, theta)
          if w1 * x1 + w2 * x2 > theta then return 1 else return 0 end
        end
        function AND(x1, x2) return perceptron(x1, x2, 0.5, 0.5, 0.7) end
        function OR(x1, x2) return perceptron(x1, x2, 0.5, 0.5, 0.2) end
        function NAND(x1, x2) return perceptron(x1, x2, -0.5, -0.5, -0.7) end
      ]],
    },
    {
      title = { ko = "연습: XOR 함수 만들기", en = "Practice: write XOR" },
      task = {
        ko = "AND, OR, NAND를 조합해서 XOR(x1, x2) 함수를 만들어 보세요.",
        en = "Write the function XOR(x1, x2) out of AND, OR and NAND.",
      },
      hint = {
        ko = "`function XOR(x1, x2) return AND(NAND(x1, x2), OR(x1, x2)) end`",
        en = "`function XOR(x1, x2) return AND(NAND(x1, x2), OR(x1, x2)) end`",
      },
      solution = [[
        function XOR(x1, x2) return AND(NAND(x1, x2), OR(x1, x2)) end
        XOR(0, 0), XOR(0, 1), XOR(1, 0), XOR(1, 1)
      ]],
      check = function(c)
        local f = c.defined("XOR")
        c.ok(type(f) == "function", { ko = "XOR는 함수여야 해요", en = "XOR should be a function" })
        for _, r in ipairs { { 0, 0, 0 }, { 0, 1, 1 }, { 1, 0, 1 }, { 1, 1, 0 } } do
          local ok, y = pcall(f, r[1], r[2])
          c.ok(ok, { ko = "XOR를 부르다가 오류가 났어요: " .. tostring(y), en = "calling XOR failed: " .. tostring(y) })
          c.ok(y == r[3], { ko = ("XOR(%d, %d)의 결과가 %s인데, %d이어야 해요."):format(r[1], r[2], tostring(y), r[3]),
                            en = ("XOR(%d, %d) is %s but should be %d."):format(r[1], r[2], tostring(y), r[3]) })
        end
      end,
    },
    {
      title = { ko = "2층 퍼셉트론을 행렬로", en = "The two-layer perceptron as matrices" },
      text = {
        ko = [[
          방금 만든 XOR는 층이 두 개인 신경망이에요. 첫 번째 층(은닉층)에는 NAND와 OR 두 뉴런이,
          두 번째 층(출력층)에는 AND 뉴런 하나가 있어요. 편향 b = -θ를 쓰면 각 층은 행렬 곱 하나로
          써져요.

              h = step(X·W1 + b1)     W1 = {{-0.5, 0.5}, {-0.5, 0.5}}   b1 = {0.7, -0.2}
              y = step(h·W2 + b2)     W2 = {{0.5}, {0.5}}               b2 = -0.7

          W1의 첫 번째 열이 NAND, 두 번째 열이 OR의 가중치예요.
        ]],
        en = [[
          The XOR you just wrote is a two-layer network: the first (hidden) layer has two neurons,
          NAND and OR; the second (output) layer one, AND. With biases b = -θ each layer is one
          matrix product:

              h = step(X·W1 + b1)     W1 = {{-0.5, 0.5}, {-0.5, 0.5}}   b1 = {0.7, -0.2}
              y = step(h·W2 + b2)     W2 = {{0.5}, {0.5}}               b2 = -0.7

          Column 1 of W1 holds NAND's weights, column 2 OR's.
        ]],
      },
      code = [[
        W1 = tensor{{-0.5, 0.5}, {-0.5, 0.5}}
        b1 = tensor{0.7, -0.2}
        W2 = tensor{{0.5}, {0.5}}
        b2 = -0.7
        h = (X:dot(W1) + b1):step()
        h
        (h:dot(W2) + b2):step()
      ]],
    },
    {
      title = { ko = "다층 퍼셉트론이 XOR를 배우기", en = "A multi-layer perceptron learns XOR" },
      text = {
        ko = [[
          이번에는 가중치를 정해 주지 않고 배우게 해요. 은닉층에 tanh 뉴런 4개, 출력층에 시그모이드
          뉴런 1개를 둔 다층 퍼셉트론(MLP)이에요. 층을 쌓으면 각 층의 출력이 다음 층의 입력이
          되면서, 직선 하나로는 안 되던 구분이 가능해져요. 1986년에 역전파 알고리즘이 알려지면서
          이런 다층 신경망을 학습시킬 수 있게 되었어요. 우선 20 에포크만 학습시켜 볼게요.
        ]],
        en = [[
          Now let the network find the weights itself: a multi-layer perceptron (MLP) with four tanh
          neurons in a hidden layer and one sigmoid neuron for the output. Each layer's output feeds
          the next, which makes possible what one line could not. Backpropagation, made widely known
          in 1986, is what lets such networks be trained. We train for only 20 epochs for now.
        ]],
      },
      code = [[
        tensor.seed(3)
        mlp = nn.Sequential{nn.Dense(4, "tanh"), nn.Dense(1, "sigmoid")}
        mlp:compile{optimizer = optim.Adam{lr = 0.05}, loss = "binary_crossentropy", metrics = {"accuracy"}}
        h2 = mlp:fit(X, Y, {epochs = 20, batch_size = 4, verbose = 0})
        h2.loss[1], h2.loss[#h2.loss]
        mlp:predict(X)
      ]],
    },
    {
      title = { ko = "연습: 정확도 1이 될 때까지", en = "Practice: train until the accuracy is 1" },
      text = {
        ko = [[
          20 에포크로는 아직 네 점을 다 맞히지 못했을 거예요. `metrics.accuracy(mlp:predict(X), Y)`로
          지금 정확도를 확인해 보세요. 1(100%)이 아니면 `mlp:fit(...)`을 몇 번 더 실행하면 돼요. fit은
          멈춘 곳에서 이어서 학습해요.
        ]],
        en = [[
          Twenty epochs are probably not enough to get all four points yet. Check the accuracy with
          `metrics.accuracy(mlp:predict(X), Y)`. If it is not 1 (100%), run `mlp:fit(...)` a few
          more times: fit continues from where it stopped.
        ]],
      },
      task = {
        ko = "mlp를 더 학습시켜서 XOR의 네 입력을 모두 맞히게 해 보세요.",
        en = "Train mlp further until it gets all four XOR inputs right.",
      },
      hint = {
        ko = "`mlp:fit(X, Y, {epochs = 300, batch_size = 4, verbose = 0})`를 실행하고 정확도를 다시 확인해요.",
        en = "Run `mlp:fit(X, Y, {epochs = 300, batch_size = 4, verbose = 0})` and check the accuracy again.",
      },
      solution = [[
        for round = 1, 20 do
          if metrics.accuracy(mlp:predict(X), Y) == 1 then break end
          mlp:fit(X, Y, {epochs = 300, batch_size = 4, verbose = 0})
        end
        metrics.accuracy(mlp:predict(X), Y)
      ]],
      check = function(c)
        local acc = metrics.accuracy(c.defined("mlp"):predict(X), Y)
        c.ok(acc == 1, { ko = ("지금 정확도: %.2f. 조금 더 학습시켜 보세요."):format(acc),
                         en = ("The accuracy is %.2f; train a little more."):format(acc) })
      end,
    },
    {
      title = { ko = "곡선으로 나뉜 영역", en = "Curved regions" },
      text = {
        ko = [[
          학습된 MLP의 결정 영역을 그려 볼게요. 경계가 더 이상 직선이 아니에요. (0,1)과 (1,0)이
          같은 쪽에, (0,0)과 (1,1)이 다른 쪽에 놓였어요.
        ]],
        en = [[
          The trained MLP's decision regions: the boundary is no longer a straight line, and (0,1),
          (1,0) end up on one side, (0,0), (1,1) on the other.
        ]],
      },
      code = [[
        plot.boundary(mlp, {-0.5, 1.5, -0.5, 1.5}, X, Y, {title = "XOR, 2-layer MLP"})
      ]],
      replay = false,
    },
    {
      title = { ko = "정리", en = "Summary" },
      text = {
        ko = [[
          - XOR는 직선 하나로 나눌 수 없어서 퍼셉트론 하나로는 풀 수 없어요.
          - 퍼셉트론을 층으로 쌓으면(XOR = AND(NAND, OR)) 풀려요.
          - 다층 퍼셉트론은 가중치를 스스로 배워서 곡선 경계를 만들어요.

          다음 수업에서는 은닉층에 쓰는 활성화 함수를 살펴봐요: `lesson.start(3)`
        ]],
        en = [[
          - XOR cannot be split by one line, so one perceptron cannot compute it.
          - Stacking perceptrons in layers solves it: XOR = AND(NAND, OR).
          - A multi-layer perceptron learns its own weights and draws curved boundaries.

          Next, the activation functions of hidden layers: `lesson.start(3)`
        ]],
      },
    },
  },
}
