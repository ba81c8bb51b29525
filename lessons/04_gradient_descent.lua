-- 04_gradient_descent.lua — linear regression by gradient descent: predicting exam scores from
-- study hours; the model, the MSE loss, the gradient formulas by hand, a loop of updates, the
-- fitted line, a learning rate that is too large, then the same with autograd, optim.SGD and a
-- Keras-style Dense(1) model.
return {
  name = "gradient_descent",
  title = { ko = "경사하강법: 공부 시간으로 성적 예측하기", en = "Gradient descent: predicting scores from study hours" },
  intro = {
    ko = [[
      좋은 모델은 데이터를 가장 잘 설명하는 모델, 즉 실제 값과의 오차가 작은 모델이에요.
      경사하강법은 손실 함수 L(θ)의 기울기를 따라 내려가면서 파라미터 θ를 조금씩 고쳐 나가는
      방법이에요. 공부한 시간으로 시험 점수를 예측하는 선형 회귀로 처음부터 끝까지 해 볼게요.
    ]],
    en = [[
      A good model explains the data best: its errors against the real values are small. Gradient
      descent improves the parameters θ little by little by walking down the slope of the loss
      L(θ). We go through it end to end with a linear regression that predicts exam scores from
      the hours spent studying.
    ]],
  },
  steps = {
    {
      title = { ko = "문제와 데이터", en = "The problem and the data" },
      text = {
        ko = [[
          학생 8명이 공부한 시간(hours)과 시험 점수(scores)예요. 공부를 많이 할수록 점수가 오르는
          경향이 보여요. 이 관계를 직선 하나로 나타내는 것이 목표예요.
        ]],
        en = [[
          Hours of study and exam scores of eight students. More study tends to mean a higher
          score; the goal is to describe that with one straight line.
        ]],
      },
      code = [[
        hours = tensor{1, 2, 3, 4, 5, 6, 7, 8}
        scores = tensor{52, 55, 61, 64, 68, 74, 75, 81}
        plot.scatter(hours, scores, {title = "study hours and scores", xlabel = "hours", ylabel = "score"})
      ]],
    },
    {
      title = { ko = "모델과 오차", en = "The model and its errors" },
      text = {
        ko = [[
          회귀 모델은 Y = θ0 + θ1·X예요. θ0은 절편(편향), θ1은 기울기(가중치)예요. 일단 아무 값,
          θ0 = 50, θ1 = 3으로 예측해 보고, 실제 점수와의 오차 e = Y - 예측값을 볼게요.
          평균 제곱 오차(MSE)는 오차를 제곱해서 평균 낸 값이에요.

              MSE = (e1^2 + e2^2 + ... + en^2) / n
        ]],
        en = [[
          The regression model is Y = θ0 + θ1·X: θ0 is the intercept (bias), θ1 the slope (weight).
          Try any values first, θ0 = 50 and θ1 = 3, and look at the errors e = Y - prediction.
          The mean squared error (MSE) averages the squared errors:

              MSE = (e1^2 + e2^2 + ... + en^2) / n
        ]],
      },
      code = [[
        theta0, theta1 = 50, 3
        pred = hours * theta1 + theta0
        pred
        err = scores - pred
        err
        (err ^ 2):mean()
      ]],
    },
    {
      title = { ko = "연습: 손실 계산하기", en = "Practice: compute the loss" },
      text = {
        ko = "다른 직선은 얼마나 잘 맞을까요? 손실을 직접 계산해 보세요.",
        en = "How well does another line fit? Compute its loss yourself.",
      },
      task = {
        ko = "θ0 = 40, θ1 = 5일 때의 MSE를 계산해서 mse에 넣어 보세요.",
        en = "Compute the MSE for θ0 = 40, θ1 = 5 and store it in mse.",
      },
      hint = {
        ko = "`mse = ((scores - (hours * 5 + 40)) ^ 2):mean():item()` — `:item()`은 텐서를 숫자로 바꿔요.",
        en = "`mse = ((scores - (hours * 5 + 40)) ^ 2):mean():item()` — `:item()` turns the tensor into a number.",
      },
      solution = [[mse = ((scores - (hours * 5 + 40)) ^ 2):mean():item()]],
      check = function(c)
        local m = c.defined("mse")
        if type(m) ~= "number" then
          c.ok(lunet.tensor.is_tensor(m) and m:numel() == 1, { ko = "mse는 숫자여야 해요", en = "mse should be a number" })
          m = m:item()
        end
        c.near(m, 19, 1e-3, "mse")
      end,
    },
    {
      title = { ko = "기울기 공식", en = "The gradient formulas" },
      text = {
        ko = [[
          손실 L = (1/n)·Σ(Yi - θ0 - θ1·Xi)^2 을 θ0과 θ1로 각각 편미분하면 이렇게 돼요.

              dL/dθ0 = -(2/n)·Σ (Yi - θ0 - θ1·Xi)
              dL/dθ1 = -(2/n)·Σ (Yi - θ0 - θ1·Xi)·Xi

          (합으로 쓴 손실이라면 1/n이 없고, 방향은 같아요.) 기울기가 양수면 θ를 줄여야 손실이
          줄고, 음수면 늘려야 해요. 공식 그대로 함수를 만들어 볼게요.
        ]],
        en = [[
          Differentiating the loss L = (1/n)·Σ(Yi - θ0 - θ1·Xi)^2 with respect to θ0 and θ1:

              dL/dθ0 = -(2/n)·Σ (Yi - θ0 - θ1·Xi)
              dL/dθ1 = -(2/n)·Σ (Yi - θ0 - θ1·Xi)·Xi

          (For the loss written as a plain sum the 1/n goes away; the direction is the same.) A
          positive gradient means θ should go down to lower the loss, a negative one up. The
          formulas as a function:
        ]],
      },
      code = [[
        function gradients(t0, t1)
          local e = scores - (hours * t1 + t0)
          return (-2 * e:mean()):item(), (-2 * (e * hours):mean()):item()
        end
        gradients(50, 3)
      ]],
    },
    {
      title = { ko = "연습: 한 걸음 내려가기", en = "Practice: one step down" },
      text = {
        ko = [[
          업데이트 규칙은 이래요. η(에타)는 학습률로, 한 번에 얼마나 움직일지 정해요.

              θ0 ← θ0 - η·dL/dθ0
              θ1 ← θ1 - η·dL/dθ1

          아래 코드가 θ0 = 50, θ1 = 3에서의 기울기 g0, g1과 학습률 lr = 0.03을 준비해 뒀어요.
        ]],
        en = [[
          The update rule, with the learning rate η (eta) setting how far each step goes:

              θ0 ← θ0 - η·dL/dθ0
              θ1 ← θ1 - η·dL/dθ1

          The code below prepared the gradients g0, g1 at θ0 = 50, θ1 = 3 and lr = 0.03.
        ]],
      },
      code = [[
        theta0, theta1, lr = 50, 3, 0.03
        g0, g1 = gradients(theta0, theta1)
        g0, g1
      ]],
      task = {
        ko = "theta0과 theta1을 업데이트 규칙대로 한 번 고쳐 보세요.",
        en = "Update theta0 and theta1 once with the rule.",
      },
      hint = {
        ko = "`theta0 = theta0 - lr * g0`, 그리고 theta1도 g1로 똑같이 해요.",
        en = "`theta0 = theta0 - lr * g0`, and the same for theta1 with g1.",
      },
      solution = [[
        theta0 = theta0 - lr * g0
        theta1 = theta1 - lr * g1
        theta0, theta1
      ]],
      check = function(c)
        local g0, g1 = gradients(50, 3)
        c.near(c.number("theta0"), 50 - 0.03 * g0, 1e-3, "theta0")
        c.near(c.number("theta1"), 3 - 0.03 * g1, 1e-3, "theta1")
      end,
    },
    {
      title = { ko = "반복해서 내려가기", en = "Walking down, again and again" },
      text = {
        ko = [[
          이 업데이트를 수렴할 때까지 반복하는 것이 경사하강법이에요. θ0 = θ1 = 0에서 출발해서
          2000번 반복하고, 매번 손실을 기록해 둘게요.
        ]],
        en = [[
          Repeating the update until it settles is gradient descent. Start from θ0 = θ1 = 0, take
          2000 steps, and record the loss after each one.
        ]],
      },
      code = [[
        theta0, theta1, lr = 0, 0, 0.03
        losses = {}
        for step = 1, 2000 do
          local d0, d1 = gradients(theta0, theta1)
          theta0, theta1 = theta0 - lr * d0, theta1 - lr * d1
          losses[step] = ((scores - (hours * theta1 + theta0)) ^ 2):mean():item()
          if step % 400 == 0 then
            print(("step %4d  theta0 = %.3f  theta1 = %.3f  loss = %.4f"):format(step, theta0, theta1, losses[step]))
          end
        end
      ]],
      check = function(c)
        c.near(theta1, 173 / 42, 0.01, "theta1")
        c.near(theta0, 66.25 - 4.5 * 173 / 42, 0.05, "theta0")
      end,
    },
    {
      title = { ko = "학습 결과 보기", en = "Looking at the result" },
      text = {
        ko = [[
          손실이 어떻게 줄었는지, 그리고 찾은 직선이 데이터와 얼마나 맞는지 그려 볼게요.
          θ1은 약 4.1이에요. 한 시간 더 공부하면 점수가 4점쯤 오른다는 뜻이에요.
        ]],
        en = [[
          How the loss fell, and how the line fits the data. θ1 is about 4.1: one more hour of study
          is worth about four points.
        ]],
      },
      code = [[
        plot.line(losses, {title = "loss (MSE)", xlabel = "step", ylabel = "MSE", yrange = {0, 100}})
        plot.lines({{hours, scores, "data", style = "points"}, {hours, hours * theta1 + theta0, "fit"}},
                   {title = "fitted line", xlabel = "hours", ylabel = "score"})
        theta0 + theta1 * 9
      ]],
      replay = false,
    },
    {
      title = { ko = "학습률이 너무 크면", en = "When the learning rate is too large" },
      text = {
        ko = [[
          학습률이 너무 작으면 오래 걸리고, 너무 크면 골짜기를 넘어 반대편으로 튀면서 점점 더
          멀어져요(발산). lr = 0.05로 10번만 해 볼게요. 손실이 줄기는커녕 커져요.
        ]],
        en = [[
          Too small a learning rate is slow; too large a one jumps over the valley to the other side,
          further each time (it diverges). Ten steps with lr = 0.05: the loss grows instead of
          shrinking.
        ]],
      },
      code = [[
        t0, t1 = 0, 0
        for step = 1, 10 do
          local d0, d1 = gradients(t0, t1)
          t0, t1 = t0 - 0.05 * d0, t1 - 0.05 * d1
          print(("step %2d  loss = %.1f"):format(step, ((scores - (hours * t1 + t0)) ^ 2):mean():item()))
        end
      ]],
      replay = false,
    },
    {
      title = { ko = "autograd로 기울기 구하기", en = "The gradients with autograd" },
      text = {
        ko = [[
          공식을 손으로 유도하지 않아도 돼요. 파라미터를 `requires_grad()`로 표시하고 손실을
          계산한 뒤 `backward()`를 부르면 기울기가 `.grad`에 들어가요. θ0 = θ1 = 0에서 우리가 만든
          `gradients(0, 0)`와 같은 값이 나와요.
        ]],
        en = [[
          You do not have to derive the formulas by hand. Mark the parameters with
          `requires_grad()`, compute the loss, call `backward()`, and the gradients are in `.grad`.
          At θ0 = θ1 = 0 they match our `gradients(0, 0)`.
        ]],
      },
      code = [[
        w = tensor{0}:requires_grad()
        b = tensor{0}:requires_grad()
        loss = ((hours * w + b - scores) ^ 2):mean()
        loss:backward()
        b.grad, w.grad
        gradients(0, 0)
      ]],
    },
    {
      title = { ko = "optim.SGD로 학습하기", en = "Training with optim.SGD" },
      text = {
        ko = [[
          업데이트도 옵티마이저에게 맡길 수 있어요. 매 반복마다 기울기를 0으로 지우고
          (`zero_grad`), 손실을 계산하고, `backward()`로 기울기를 구하고, `step()`으로 한 걸음
          움직여요. 손으로 한 것과 같은 답이 나와요.
        ]],
        en = [[
          The update can be left to an optimizer. Each iteration: clear the gradients
          (`zero_grad`), compute the loss, `backward()`, and `step()`. Same answer as by hand.
        ]],
      },
      code = [[
        w = tensor{0}:requires_grad()
        b = tensor{0}:requires_grad()
        opt = optim.SGD({w, b}, {lr = 0.03})
        for step = 1, 2000 do
          opt:zero_grad()
          loss = ((hours * w + b - scores) ^ 2):mean()
          loss:backward()
          opt:step()
        end
        b, w, loss
      ]],
      check = function(c)
        c.near(w[1], 173 / 42, 0.01, "w")
        c.near(b[1], 66.25 - 4.5 * 173 / 42, 0.05, "b")
      end,
    },
    {
      title = { ko = "Keras 방식으로", en = "The Keras way" },
      text = {
        ko = [[
          같은 회귀를 Keras 방식으로 쓰면 Dense(1) 층 하나짜리 모델이에요. 입력은 (샘플 수, 특성 수)
          모양이어야 해서 8x1로 바꿔 줘요. 데이터 8개를 한 배치로 2000번 학습해요.
        ]],
        en = [[
          The same regression, Keras-style, is a model with one Dense(1) layer. Inputs have the shape
          (samples, features), so the data becomes 8x1. One batch of all 8 points, 2000 epochs.
        ]],
      },
      code = [[
        reg = nn.Sequential({nn.Dense(1)}, {input_shape = {1}})
        reg:compile{optimizer = optim.SGD{lr = 0.03}, loss = "mse"}
        h = reg:fit(hours:reshape(8, 1), scores:reshape(8, 1), {epochs = 2000, batch_size = 8, verbose = 0, shuffle = false})
        h.loss[#h.loss]
        reg:parameters()
        reg:predict(tensor{{9}})
      ]],
    },
    {
      title = { ko = "정리", en = "Summary" },
      text = {
        ko = [[
          - 경사하강법: 손실 함수의 기울기 반대 방향으로 파라미터를 조금씩 움직여요.
          - 기울기는 공식으로 구할 수도, autograd로 자동으로 구할 수도 있어요.
          - 학습률이 너무 크면 발산하고, 너무 작으면 느려요.
          - 옵티마이저와 Keras 방식의 fit은 이 반복을 대신해 줘요.

          다음 수업에서는 기울기를 구하는 두 방법, 수치 미분과 역전파를 비교해요: `lesson.start(5)`
        ]],
        en = [[
          - Gradient descent moves the parameters a little against the gradient of the loss.
          - Gradients come from formulas, or automatically from autograd.
          - Too large a learning rate diverges; too small a one is slow.
          - Optimizers and Keras-style fit run that loop for you.

          Next, the two ways to get gradients, numerical differentiation and backpropagation:
          `lesson.start(5)`
        ]],
      },
    },
  },
}
