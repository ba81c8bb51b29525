-- 03_activations.lua — the activation functions: step, sigmoid (and its a, b parameters), tanh,
-- ReLU; their derivatives drawn and computed with autograd; why the step function cannot be
-- trained (its gradient is zero) and why deep networks prefer ReLU (vanishing gradients).
return {
  name = "activations",
  title = { ko = "활성화 함수와 그 기울기", en = "Activation functions and their gradients" },
  intro = {
    ko = [[
      뉴런은 가중합 w·x + b를 활성화 함수에 넣어서 출력을 만들어요. 활성화 함수가 비선형이어야
      층을 쌓는 의미가 생겨요. 선형 함수만 쌓으면 결국 선형 함수 하나와 같거든요. 이 수업에서는
      계단, 시그모이드, tanh, ReLU 함수를 그려 보고, 학습에 꼭 필요한 기울기(미분)를 살펴봐요.
    ]],
    en = [[
      A neuron passes its weighted sum w·x + b through an activation function. The function must
      be non-linear for layers to help: stacked linear functions are just one linear function.
      In this lesson you draw the step, sigmoid, tanh and ReLU functions and look at their
      gradients (derivatives), which training depends on.
    ]],
  },
  steps = {
    {
      title = { ko = "계단 함수", en = "The step function" },
      text = {
        ko = [[
          퍼셉트론이 쓰던 함수예요. 입력이 0보다 크면 1, 아니면 0이에요. 텐서에서는 `t:step()`으로
          계산해요. 글자로 그려진 그래프에서는 선 모양만 보면 돼요.
        ]],
        en = [[
          The perceptron's function: 1 when the input is above 0, else 0. On tensors it is
          `t:step()`. In a graph drawn in characters, just look at the shape of the line.
        ]],
      },
      code = [[
        x = tensor{-2, -1, 0, 1, 2}
        x:step()
        plot.fn(function(v) return v > 0 and 1 or 0 end, {title = "step", n = 401})
      ]],
    },
    {
      title = { ko = "시그모이드 함수", en = "The sigmoid function" },
      text = {
        ko = [[
          시그모이드는 계단 함수를 부드럽게 만든 모양이에요.

              s(x) = 1 / (1 + e^(-x))

          출력이 항상 0과 1 사이라서 확률처럼 읽을 수 있어요. 두 함수를 함께 그려 볼게요.
        ]],
        en = [[
          The sigmoid is a smooth version of the step:

              s(x) = 1 / (1 + e^(-x))

          Its output always lies between 0 and 1, so it reads like a probability. Both together:
        ]],
      },
      code = [[
        function sigmoid(v) return 1 / (1 + math.exp(-v)) end
        sigmoid(0), sigmoid(2), sigmoid(-2)
        x:sigmoid()
        plot.fn({function(v) return v > 0 and 1 or 0 end, sigmoid}, {labels = {"step", "sigmoid"}, n = 401})
      ]],
    },
    {
      title = { ko = "시그모이드의 모양 바꾸기: a와 b", en = "Reshaping the sigmoid: a and b" },
      text = {
        ko = [[
          뉴런 안에서는 s(a*x + b) 꼴로 쓰여요. a(가중치)가 크면 가파르게 올라가서 계단 함수에 가까워지고,
          a가 작으면 완만해져요. b(편향)는 곡선을 좌우로 옮겨요. 학습이란 결국 이런 a와 b를 찾는
          일이에요.
        ]],
        en = [[
          Inside a neuron it appears as s(a*x + b). A large a (weight) makes it rise steeply, close
          to the step; a small a makes it gentle. b (bias) shifts the curve left or right. Training
          is finding such a and b.
        ]],
      },
      code = [[
        plot.fn({
          function(v) return sigmoid(0.5 * v) end,
          function(v) return sigmoid(v) end,
          function(v) return sigmoid(5 * v) end,
          function(v) return sigmoid(v + 3) end,
        }, {labels = {"a=0.5", "a=1", "a=5", "a=1, b=3"}})
      ]],
      replay = false,
    },
    {
      title = { ko = "tanh와 ReLU", en = "tanh and ReLU" },
      text = {
        ko = [[
          - tanh(x) = (e^x - e^(-x)) / (e^x + e^(-x)): 모양은 시그모이드와 같지만 -1과 1 사이예요.
            출력의 평균이 0 근처라서 은닉층에서 시그모이드보다 잘 학습되는 경우가 많아요.
          - ReLU(x) = max(0, x): 0보다 작으면 0, 크면 그대로예요. 계산이 아주 간단하고, 층이 깊은
            신경망에서 가장 많이 쓰여요.
        ]],
        en = [[
          - tanh(x) = (e^x - e^(-x)) / (e^x + e^(-x)): shaped like the sigmoid but between -1 and
            1. Its outputs centre on 0, so hidden layers often train better with it.
          - ReLU(x) = max(0, x): 0 below zero, the input itself above. Very cheap, and the usual
            choice in deep networks.
        ]],
      },
      code = [[
        x:tanh()
        x:relu()
        plot.fn({function(v) return math.tanh(v) end, function(v) return math.max(0, v) end, sigmoid},
                {labels = {"tanh", "relu", "sigmoid"}, from = -4, to = 4})
      ]],
    },
    {
      title = { ko = "기울기: 활성화 함수의 미분", en = "Gradients: the derivatives" },
      text = {
        ko = [[
          학습은 손실을 줄이는 방향으로 가중치를 조금씩 움직이는 일이고, 그 방향은 미분(기울기)이
          알려 줘요. 그래서 활성화 함수의 미분이 중요해요.

              시그모이드: s'(x) = s(x) * (1 - s(x))        가장 큰 값은 x = 0에서 0.25
              tanh:      tanh'(x) = 1 - tanh(x)^2
              ReLU:      x > 0이면 1, 아니면 0
              계단:      0 (x = 0만 빼고 어디서나)

          `plot.activation`은 함수(실선)와 미분(점선)을 함께 그려요.
        ]],
        en = [[
          Training moves the weights a little at a time in the direction that lowers the loss, and
          the derivative (gradient) tells that direction. So the derivatives matter:

              sigmoid: s'(x) = s(x) * (1 - s(x))        largest at x = 0, where it is 0.25
              tanh:    tanh'(x) = 1 - tanh(x)^2
              ReLU:    1 where x > 0, else 0
              step:    0 (everywhere except x = 0)

          `plot.activation` draws a function (solid) with its derivative (dashed).
        ]],
      },
      code = [[
        plot.activation("sigmoid")
        plot.activation("relu")
      ]],
      replay = false,
    },
    {
      title = { ko = "autograd로 미분 구하기", en = "Derivatives with autograd" },
      text = {
        ko = [[
          lunet은 계산 과정을 기억했다가 `backward()`로 미분을 자동으로 구해요. 텐서에
          `requires_grad()`를 표시하고, 출력을 `sum()`으로 숫자 하나로 만든 뒤 `backward()`를
          부르면 `x.grad`에 각 원소의 기울기가 들어가요. 공식 s(1 - s)와 비교해 보세요.
        ]],
        en = [[
          lunet remembers how a value was computed and `backward()` finds the derivatives for you.
          Mark a tensor with `requires_grad()`, reduce the output to one number with `sum()`, call
          `backward()`, and `x.grad` holds each element's gradient. Compare with the formula s(1 - s).
        ]],
      },
      code = [[
        x = tensor{-2, -1, 0, 1, 2}:requires_grad()
        y = x:sigmoid():sum()
        y:backward()
        x.grad
        s = x:detach():sigmoid()
        s * (1 - s)
      ]],
    },
    {
      title = { ko = "연습: ReLU의 기울기", en = "Practice: the gradient of ReLU" },
      text = {
        ko = "같은 방법으로 ReLU의 기울기를 구해 보세요.",
        en = "Now the same for ReLU.",
      },
      task = {
        ko = "xr = tensor{-2, -0.5, 0.5, 2}에서 relu의 기울기를 autograd로 구해서 g에 넣어 보세요.",
        en = "With autograd, compute the gradient of relu at xr = tensor{-2, -0.5, 0.5, 2} and store it in g.",
      },
      hint = {
        ko = [[
          `xr = tensor{-2, -0.5, 0.5, 2}:requires_grad()` 다음에 `xr:relu():sum():backward()`를
          하고, `g = xr.grad`로 저장해요.
        ]],
        en = "`xr = tensor{-2, -0.5, 0.5, 2}:requires_grad()`, then `xr:relu():sum():backward()`, then `g = xr.grad`.",
      },
      solution = [[
        xr = tensor{-2, -0.5, 0.5, 2}:requires_grad()
        xr:relu():sum():backward()
        g = xr.grad
        g
      ]],
      check = function(c)
        local g = c.tensor("g", { 4 })
        local want = { 0, 0, 1, 1 }
        for i = 1, 4 do c.near(g[i], want[i], 1e-6, ("g[%d]"):format(i)) end
      end,
    },
    {
      title = { ko = "계단 함수로는 학습할 수 없는 이유", en = "Why the step function cannot be trained" },
      text = {
        ko = [[
          계단 함수의 기울기는 어디서나 0이에요. 기울기가 0이면 경사하강법의 업데이트
          w ← w - η·(기울기)가 w를 전혀 바꾸지 못해요. 가중치를 조금 바꿔도 출력이 변하지 않으니,
          어느 쪽으로 가야 손실이 줄어드는지 알 수 없어요. 그래서 퍼셉트론의 계단 함수 대신
          시그모이드 같은 매끄러운 함수를 써요. 직접 확인해 볼게요.
        ]],
        en = [[
          The step function's gradient is 0 everywhere. With a zero gradient the gradient-descent
          update w ← w - η·(gradient) does not move w at all: changing a weight a little never
          changes the output, so nothing says which way lowers the loss. That is why smooth
          functions such as the sigmoid replace the perceptron's step. See for yourself:
        ]],
      },
      code = [[
        w = tensor{{0.3}, {-0.2}}:requires_grad()
        X, Y = data.gates.AND.x, data.gates.AND.y
        loss = ((X:dot(w)):step() - Y):pow(2):mean()
        loss:backward()
        w.grad
        w2 = tensor{{0.3}, {-0.2}}:requires_grad()
        loss2 = ((X:dot(w2)):sigmoid() - Y):pow(2):mean()
        loss2:backward()
        w2.grad
      ]],
    },
    {
      title = { ko = "기울기 소실과 ReLU", en = "Vanishing gradients and ReLU" },
      text = {
        ko = [[
          역전파에서는 층마다 활성화 함수의 미분이 곱해져요. 시그모이드의 미분은 많아야 0.25라서,
          층이 10개면 기울기가 0.25^10, 약 100만분의 1로 줄어들어요. 앞쪽 층은 거의 배우지 못하죠.
          이것을 기울기 소실(vanishing gradient)이라고 해요. ReLU의 미분은 양수 구간에서 1이라서
          층이 깊어도 기울기가 줄지 않아요. 그래서 은닉층이 많을 때는 ReLU를 주로 써요.
        ]],
        en = [[
          In backpropagation every layer multiplies the gradient by its activation's derivative.
          The sigmoid's is at most 0.25, so after 10 layers the gradient shrinks to 0.25^10, about
          one millionth, and the first layers hardly learn. This is the vanishing gradient. ReLU's
          derivative is 1 for positive inputs, so depth does not shrink it: deep networks use ReLU.
        ]],
      },
      code = [[
        0.25 ^ 10
        z = tensor{0.5}:requires_grad()
        out = z
        for layer = 1, 10 do out = out:sigmoid() end
        out:sum():backward()
        z.grad
      ]],
    },
    {
      title = { ko = "정리", en = "Summary" },
      text = {
        ko = [[
          - 활성화 함수는 신경망에 비선형성을 줘요: 계단, 시그모이드, tanh, ReLU.
          - 학습에는 미분이 필요하고, `backward()`가 자동으로 구해 줘요.
          - 계단 함수는 기울기가 0이라 학습할 수 없어요.
          - 깊은 신경망에서는 기울기 소실을 피하려고 ReLU를 주로 써요.

          다음 수업에서는 기울기로 모델을 학습시키는 경사하강법을 직접 구현해요: `lesson.start(4)`
        ]],
        en = [[
          - Activation functions make networks non-linear: step, sigmoid, tanh, ReLU.
          - Training needs derivatives; `backward()` computes them for you.
          - The step function's gradient is zero, so it cannot be trained.
          - Deep networks mostly use ReLU to avoid vanishing gradients.

          Next, you implement gradient descent yourself: `lesson.start(4)`
        ]],
      },
    },
  },
}
