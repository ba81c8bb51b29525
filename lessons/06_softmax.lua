-- 06_softmax.lua — the output of a classifier: softmax by hand (and why the maximum is
-- subtracted), one-hot labels, cross-entropy by hand against nn.losses, and counting the
-- parameters of a network: the 5-7-4 network's 74, checked with model:summary().
return {
  name = "softmax",
  title = { ko = "소프트맥스와 교차 엔트로피", en = "Softmax and cross-entropy" },
  intro = {
    ko = [[
      회귀에서는 출력층이 값을 그대로 내보내지만(g(t) = t), 여러 클래스 중 하나를 고르는 분류
      문제에서는 출력을 확률로 바꿔 주는 소프트맥스 함수를 써요. 그리고 손실 함수로는 제곱 오차
      대신 교차 엔트로피를 써요. 신경망의 파라미터 수를 세는 방법도 함께 익혀요.
    ]],
    en = [[
      In regression the output layer passes its value through (g(t) = t). To choose one class out
      of several, the output goes through the softmax function, which turns scores into
      probabilities, and the loss is cross-entropy instead of squared error. You will also learn
      to count a network's parameters.
    ]],
  },
  steps = {
    {
      title = { ko = "소프트맥스 함수", en = "The softmax function" },
      text = {
        ko = [[
          출력층의 점수 t1, ..., tK를 확률로 바꾸는 식이에요.

              g_k(t) = e^(t_k) / (e^(t_1) + e^(t_2) + ... + e^(t_K))

          지수 함수라서 모두 양수가 되고, 전체 합으로 나누니 합이 1이 돼요. 점수가 클수록 확률도
          커지고, 순서는 그대로 유지돼요.
        ]],
        en = [[
          It turns the output layer's scores t1, ..., tK into probabilities:

              g_k(t) = e^(t_k) / (e^(t_1) + e^(t_2) + ... + e^(t_K))

          The exponential makes everything positive and dividing by the total makes the sum 1.
          Larger scores get larger probabilities; the order is kept.
        ]],
      },
      code = [[
        z = tensor{2.0, 1.0, 0.1}
        p = z:exp() / z:exp():sum()
        p
        p:sum()
        nn.Softmax()(z)
      ]],
    },
    {
      title = { ko = "큰 수에서 넘치지 않게", en = "Keeping large scores from overflowing" },
      text = {
        ko = [[
          e^1000은 컴퓨터가 표현할 수 있는 수보다 커서 무한대(inf)가 되고, inf/inf는 nan이에요.
          모든 점수에서 같은 수를 빼도 소프트맥스 결과는 변하지 않으니, 가장 큰 점수를 빼고
          계산하면 안전해요. 라이브러리의 소프트맥스는 모두 이렇게 계산해요.
        ]],
        en = [[
          e^1000 is beyond what a computer can store: it becomes infinity, and inf/inf is nan.
          Subtracting the same number from every score leaves softmax unchanged, so subtracting
          the largest score is safe. Every library's softmax does this.
        ]],
      },
      code = [[
        big = tensor{1000, 1001, 1002}
        big:exp() / big:exp():sum()
        shifted = big - big:max()
        shifted:exp() / shifted:exp():sum()
      ]],
    },
    {
      title = { ko = "원-핫 인코딩", en = "One-hot encoding" },
      text = {
        ko = [[
          정답이 "2번 클래스"라면 [0, 0, 1]처럼 정답 자리만 1인 벡터로 나타내요. 이것을 원-핫 벡터라고
          해요. 클래스 번호를 숫자 그대로 쓰면 "1번과 3번의 평균이 2번"처럼 의미 없는 거리가
          생기지만, 원-핫 벡터에서는 모든 클래스가 서로 같은 거리에 있어요. 또 소프트맥스가 내놓는
          확률 벡터와 모양이 같아서 바로 비교할 수 있어요. Keras의 to_categorical과 같은 일을
          `data.one_hot`이 해요 (클래스 번호는 0부터).
        ]],
        en = [[
          The answer "class 2" becomes [0, 0, 1]: a vector with 1 only at the answer's place, a
          one-hot vector. Class numbers used as plain numbers invent meaningless distances (the
          average of class 1 and class 3 is not class 2); one-hot vectors keep every class equally
          far apart, and they have the shape of softmax's probability vector, so the two compare
          directly. `data.one_hot` does what Keras' to_categorical does (classes count from 0).
        ]],
      },
      code = [[
        labels = tensor{0, 2, 1}
        data.one_hot(labels, 3)
      ]],
    },
    {
      title = { ko = "교차 엔트로피", en = "Cross-entropy" },
      text = {
        ko = [[
          분류의 손실 함수는 교차 엔트로피예요. y가 원-핫 정답, f(x)가 예측 확률일 때

              L = - Σ_k y_k · log f_k(x)

          원-핫 벡터에서 y_k는 정답 자리만 1이라서, 결국 L = -log(정답 클래스의 확률)이에요.
          정답 확률이 1에 가까우면 손실은 0에 가깝고, 0에 가까우면 손실이 아주 커져요.
          샘플이 여러 개면 평균을 내요. 직접 계산한 값과 `nn.losses`를 비교해 볼게요.
        ]],
        en = [[
          The classification loss is cross-entropy. For a one-hot answer y and predicted
          probabilities f(x):

              L = - Σ_k y_k · log f_k(x)

          Only the answer's place has y_k = 1, so L = -log(probability of the right class). Near 1
          the loss is near 0; near 0 it becomes very large. Over several samples we take the mean.
          By hand, then with `nn.losses`:
        ]],
      },
      code = [[
        probs = tensor{{0.7, 0.2, 0.1}, {0.1, 0.3, 0.6}}
        y = data.one_hot(tensor{0, 2}, 3)
        -(y * probs:log()):sum(2):mean()
        nn.losses.categorical_crossentropy(probs, y)
        nn.losses.sparse_categorical_crossentropy(probs, tensor{0, 2})
      ]],
    },
    {
      title = { ko = "연습: 교차 엔트로피 손으로 계산하기", en = "Practice: cross-entropy by hand" },
      text = {
        ko = [[
          모델이 어떤 사진을 보고 [고양이, 개, 새]의 확률을 [0.1, 0.8, 0.1]로 예측했어요.
          정답은 개예요.
        ]],
        en = [[
          Shown a photo, a model predicts [cat, dog, bird] with probabilities [0.1, 0.8, 0.1].
          The answer is dog.
        ]],
      },
      task = {
        ko = "이 예측의 교차 엔트로피 손실을 계산해서 ce에 넣어 보세요. (숫자로)",
        en = "Compute this prediction's cross-entropy loss and store it in ce (a number).",
      },
      hint = {
        ko = "정답 클래스의 확률만 보면 돼요: `ce = -math.log(0.8)`",
        en = "Only the right class's probability matters: `ce = -math.log(0.8)`",
      },
      solution = [[ce = -math.log(0.8)]],
      check = function(c)
        local v = c.defined("ce")
        if type(v) ~= "number" and lunet.tensor.is_tensor(v) and v:numel() == 1 then v = v:item() end
        c.ok(type(v) == "number", { ko = "ce는 숫자여야 해요", en = "ce should be a number" })
        c.near(v, -math.log(0.8), 1e-4, "ce")
      end,
    },
    {
      title = { ko = "파라미터 세기: 5-7-4 신경망", en = "Counting parameters: the 5-7-4 network" },
      text = {
        ko = [[
          입력 5개, 은닉 뉴런 7개, 출력 4개인 신경망을 생각해 볼게요. 층마다 (입력 수 x 출력 수)개의
          가중치와 출력 수만큼의 편향이 있어요.

              1단계: 5 x 7 + 7 = 42
              2단계: 7 x 4 + 4 = 32
              합계:  74

          `model:summary()`가 Keras처럼 층마다 파라미터 수를 보여 줘요. 출력층의 소프트맥스 덕분에
          출력 네 개의 합은 1이에요.
        ]],
        en = [[
          Take a network with 5 inputs, 7 hidden neurons and 4 outputs. Each layer has
          (inputs x outputs) weights plus one bias per output:

              layer 1: 5 x 7 + 7 = 42
              layer 2: 7 x 4 + 4 = 32
              total:   74

          `model:summary()` shows the count of each layer, as Keras does. Thanks to softmax the
          four outputs sum to 1.
        ]],
      },
      code = [[
        net = nn.Sequential({nn.Dense(7, "sigmoid"), nn.Dense(4, "softmax")}, {input_shape = {5}})
        total = net:summary()
        total
        out = net:predict(tensor.randn(2, 5))
        out
        out:sum(2)
      ]],
      check = function(c) c.ok(total == 74, { ko = "파라미터가 74개가 아니에요", en = "the count is not 74" }) end,
    },
    {
      title = { ko = "연습: 파라미터 수 계산하기", en = "Practice: count the parameters" },
      task = {
        ko = "입력 3개, 은닉 뉴런 5개, 출력 2개인 신경망의 파라미터 수를 계산해서 count에 넣어 보세요.",
        en = "Compute the number of parameters of a network with 3 inputs, 5 hidden neurons and 2 outputs; store it in count.",
      },
      hint = {
        ko = "층마다 입력 x 출력 + 출력: `count = 3*5 + 5 + 5*2 + 2`",
        en = "Per layer, inputs x outputs + outputs: `count = 3*5 + 5 + 5*2 + 2`",
      },
      solution = [[
        count = 3*5 + 5 + 5*2 + 2
        small = nn.Sequential({nn.Dense(5, "relu"), nn.Dense(2, "softmax")}, {input_shape = {3}})
        small_count = small:summary()
      ]],
      check = function(c) c.near(c.number("count"), 32, 0, "count") end,
    },
    {
      title = { ko = "정리", en = "Summary" },
      text = {
        ko = [[
          - 소프트맥스는 점수를 합이 1인 확률로 바꿔요. 큰 점수는 최댓값을 빼고 계산해요.
          - 정답은 원-핫 벡터로 나타내요 (`data.one_hot`).
          - 교차 엔트로피 = -log(정답 클래스의 확률).
          - Dense 층의 파라미터 수 = 입력 x 출력 + 출력.

          다음 수업에서는 이 모든 것을 모아 MNIST 이미지를 분류해요: `lesson.start(7)`
        ]],
        en = [[
          - Softmax turns scores into probabilities that sum to 1; subtract the maximum first.
          - Answers are one-hot vectors (`data.one_hot`).
          - Cross-entropy = -log(probability of the right class).
          - A Dense layer has inputs x outputs + outputs parameters.

          Next, all of it together to classify MNIST images: `lesson.start(7)`
        ]],
      },
    },
  },
}
