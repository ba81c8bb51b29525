-- 08_optimizers.lua — optimizers and regularization: SGD, momentum, RMSprop and Adam training
-- the same network from the same starting weights, their loss curves on one plot; then
-- overfitting on a small training set and Dropout against it.
return {
  name = "optimizers",
  title = { ko = "옵티마이저 비교와 드롭아웃", en = "Comparing optimizers, and dropout" },
  intro = {
    ko = [[
      옵티마이저는 기울기를 보고 가중치를 어떻게 고칠지 정하는 방법이에요. 같은 신경망을 같은
      초깃값에서 출발시켜 여러 옵티마이저로 학습시키고 손실 곡선을 비교해 볼게요. 그다음에는
      데이터가 적을 때 생기는 과적합과, 그것을 줄이는 드롭아웃을 살펴봐요.
    ]],
    en = [[
      An optimizer decides how the gradients change the weights. You will train the same network
      from the same starting weights with several optimizers and compare their loss curves, then
      look at overfitting on little data and at dropout, which reduces it.
    ]],
  },
  steps = {
    {
      title = { ko = "실험 준비", en = "Setting up the experiment" },
      text = {
        ko = [[
          공정하게 비교하려면 조건이 같아야 해요. MNIST 숫자 2,000장으로 작은 신경망(784-64-10)을
          학습시키고, 모델을 만들 때마다 `tensor.seed(7)`로 난수를 고정해서 초깃값과 섞는 순서를
          똑같이 맞춰요.
        ]],
        en = [[
          A fair comparison needs equal conditions: 2,000 MNIST digits, a small 784-64-10 network,
          and `tensor.seed(7)` before building each model so that the starting weights and the
          shuffling are identical.
        ]],
      },
      code = [[
        mx, my = data.mnist()
        mx = mx:narrow(1, 1, 2000) / 255
        my = data.one_hot(my:narrow(1, 1, 2000), 10)
        mx:shape(), my:shape()
        EPOCHS = 10
        function make_model()
          tensor.seed(7)
          return nn.Sequential({nn.Flatten(), nn.Dense(64, "relu"), nn.Dense(10, "softmax")}, {input_shape = {28, 28}})
        end
      ]],
    },
    {
      title = { ko = "네 가지 옵티마이저", en = "Four optimizers" },
      text = {
        ko = [[
          - SGD: 기울기 방향으로 학습률만큼 움직여요. 가장 기본이에요.
          - 모멘텀(momentum): 지난 움직임을 관성처럼 이어 가요. 골짜기에서 덜 흔들리고 더 빨리 내려가요.
          - RMSprop: 최근 기울기 크기로 나눠서, 파라미터마다 걸음 크기를 알아서 조절해요.
          - Adam: 모멘텀과 RMSprop을 합친 방법이에요. 기본값으로도 대체로 잘 돼서 가장 많이 쓰여요.

          각 옵티마이저로 같은 모델을 10 에포크씩 학습시켜요.
        ]],
        en = [[
          - SGD: a step of the learning rate's size along the gradient. The basic one.
          - Momentum: keeps part of the previous move, like inertia; it wobbles less in a valley and
            gets down faster.
          - RMSprop: divides by the size of recent gradients, so each parameter gets its own step.
          - Adam: momentum and RMSprop combined; usually good with its defaults, hence the most used.

          Each trains the same model for 10 epochs.
        ]],
      },
      code = [[
        optimizers = {
          {"SGD", optim.SGD{lr = 0.01}},
          {"momentum", optim.SGD{lr = 0.01, momentum = 0.9}},
          {"RMSprop", optim.RMSprop{lr = 0.001}},
          {"Adam", optim.Adam{lr = 0.001}},
        }
        results = {}
        for _, pair in ipairs(optimizers) do
          local name, opt = pair[1], pair[2]
          local m = make_model()
          m:compile{optimizer = opt, loss = "categorical_crossentropy", metrics = {"accuracy"}}
          local h = m:fit(mx, my, {epochs = EPOCHS, batch_size = 64, verbose = 0})
          results[name] = h
          print(("%-9s loss %.4f -> %.4f   accuracy %.3f"):format(name, h.loss[1], h.loss[EPOCHS], h.accuracy[EPOCHS]))
        end
      ]],
    },
    {
      title = { ko = "손실 곡선 비교", en = "The loss curves side by side" },
      text = {
        ko = [[
          네 곡선을 한 그래프에 그려 볼게요. 같은 학습률의 SGD보다 모멘텀이 훨씬 빨리 내려가고,
          Adam과 RMSprop은 처음부터 빠르게 줄어드는 것이 보여요.
        ]],
        en = [[
          All four curves on one plot. Momentum goes down much faster than SGD with the same learning
          rate, and Adam and RMSprop drop quickly from the start.
        ]],
      },
      code = [[
        epochs = tensor.arange(1, EPOCHS + 1)
        plot.lines({
          {epochs, results.SGD.loss, "SGD"},
          {epochs, results.momentum.loss, "SGD + momentum"},
          {epochs, results.RMSprop.loss, "RMSprop"},
          {epochs, results.Adam.loss, "Adam"},
        }, {title = "training loss", xlabel = "epoch", ylabel = "loss"})
      ]],
      replay = false,
    },
    {
      title = { ko = "연습: SGD의 학습률 올리기", en = "Practice: a larger learning rate for SGD" },
      text = {
        ko = [[
          SGD가 느렸던 것은 학습률 0.01이 이 문제에는 작기 때문이기도 해요. 학습률을 0.1로 올려서
          다시 학습시켜 보세요. `make_model()`로 같은 초깃값의 모델을 만들 수 있어요.
        ]],
        en = [[
          SGD was slow partly because 0.01 is a small learning rate for this problem. Train again with
          0.1. `make_model()` gives a model with the same starting weights.
        ]],
      },
      task = {
        ko = "optim.SGD{lr = 0.1}로 학습한 fit의 결과(history)를 h_fast에 넣어 보세요. 마지막 손실이 lr = 0.01일 때보다 작으면 통과예요.",
        en = "Store in h_fast the history of a fit with optim.SGD{lr = 0.1}. It passes when its last loss is below the lr = 0.01 run's.",
      },
      hint = {
        ko = [[
          `m = make_model()`, `m:compile{optimizer = optim.SGD{lr = 0.1}, loss = "categorical_crossentropy"}`,
          그리고 `h_fast = m:fit(mx, my, {epochs = EPOCHS, batch_size = 64, verbose = 0})`
        ]],
        en = [[
          `m = make_model()`, `m:compile{optimizer = optim.SGD{lr = 0.1}, loss = "categorical_crossentropy"}`,
          then `h_fast = m:fit(mx, my, {epochs = EPOCHS, batch_size = 64, verbose = 0})`
        ]],
      },
      solution = [[
        m = make_model()
        m:compile{optimizer = optim.SGD{lr = 0.1}, loss = "categorical_crossentropy"}
        h_fast = m:fit(mx, my, {epochs = EPOCHS, batch_size = 64, verbose = 0})
        h_fast.loss[#h_fast.loss], results.SGD.loss[EPOCHS]
      ]],
      check = function(c)
        local h = c.defined("h_fast")
        c.ok(type(h) == "table" and type(h.loss) == "table" and #h.loss > 0,
             { ko = "h_fast는 fit이 돌려준 history여야 해요", en = "h_fast should be the history fit returns" })
        local last, base = h.loss[#h.loss], results.SGD.loss[#results.SGD.loss]
        c.ok(last < base, { ko = ("마지막 손실(%.4f)이 SGD(0.01)의 손실(%.4f)보다 작지 않아요"):format(last, base),
                            en = ("the last loss %.4f is not below SGD(0.01)'s %.4f"):format(last, base) })
      end,
    },
    {
      title = { ko = "과적합 만들어 보기", en = "Making a model overfit" },
      text = {
        ko = [[
          모델은 복잡한데(파라미터가 많은데) 데이터가 적으면, 모델이 훈련 데이터를 외워 버려요.
          훈련 손실은 0에 가까워지지만 처음 보는 데이터에서는 오히려 나빠지죠. 이것이 과적합이에요.
          훈련 데이터 500장으로 큰 모델(784-256-256-10)을 학습시키고, 따로 떼어 둔 1,000장으로 검증해
          볼게요.
        ]],
        en = [[
          A complex model (many parameters) on little data memorizes the training set: the training
          loss approaches 0 while results on new data get worse. That is overfitting. Train a large
          784-256-256-10 model on 500 images and validate on 1,000 others.
        ]],
      },
      code = [[
        small_x, small_y = mx:narrow(1, 1, 500), my:narrow(1, 1, 500)
        val_x, val_y = mx:narrow(1, 1001, 1000), my:narrow(1, 1001, 1000)
        tensor.seed(11)
        big = nn.Sequential({nn.Flatten(), nn.Dense(256, "relu"), nn.Dense(256, "relu"), nn.Dense(10, "softmax")},
                            {input_shape = {28, 28}})
        big:compile{optimizer = "adam", loss = "categorical_crossentropy", metrics = {"accuracy"}}
        h_over = big:fit(small_x, small_y, {epochs = 30, batch_size = 32, verbose = 0, validation_data = {val_x, val_y}})
        h_over.loss[30], h_over.val_loss[30]
        h_over.accuracy[30], h_over.val_accuracy[30]
        plot.history(h_over)
      ]],
      check = function(c)
        c.ok(h_over.loss[#h_over.loss] < h_over.val_loss[#h_over.val_loss],
             { ko = "훈련 손실이 검증 손실보다 작지 않아요", en = "the training loss is not below the validation loss" })
      end,
    },
    {
      title = { ko = "드롭아웃", en = "Dropout" },
      text = {
        ko = [[
          드롭아웃은 학습할 때마다 뉴런의 일부(여기서는 50%)를 무작위로 꺼 버리는 방법이에요. 특정
          뉴런에 기대서 외우기가 어려워지니, 여러 뉴런이 골고루 쓸모 있는 특징을 배우게 돼요.
          예측할 때는 모든 뉴런을 써요. 같은 실험에 `nn.Dropout(0.5)`를 넣고 검증 손실을 비교해
          볼게요.
        ]],
        en = [[
          Dropout switches off a random part of the neurons (here 50%) at every training step. No
          neuron can be relied on to memorize, so many neurons learn useful features. Predictions use
          all neurons. The same experiment with `nn.Dropout(0.5)`, comparing validation losses:
        ]],
      },
      code = [[
        tensor.seed(11)
        drop = nn.Sequential({nn.Flatten(), nn.Dense(256, "relu"), nn.Dropout(0.5), nn.Dense(256, "relu"), nn.Dropout(0.5),
                              nn.Dense(10, "softmax")}, {input_shape = {28, 28}})
        drop:compile{optimizer = "adam", loss = "categorical_crossentropy", metrics = {"accuracy"}}
        h_drop = drop:fit(small_x, small_y, {epochs = 30, batch_size = 32, verbose = 0, validation_data = {val_x, val_y}})
        h_over.val_loss[30], h_drop.val_loss[30]
        h_over.val_accuracy[30], h_drop.val_accuracy[30]
        ep = tensor.arange(1, 31)
        plot.lines({{ep, h_over.val_loss, "no dropout"}, {ep, h_drop.val_loss, "dropout 0.5"}},
                   {title = "validation loss", xlabel = "epoch", ylabel = "loss"})
      ]],
    },
    {
      title = { ko = "정리", en = "Summary" },
      text = {
        ko = [[
          - SGD, 모멘텀, RMSprop, Adam은 같은 기울기로 가중치를 다르게 고쳐요. Adam은 기본값으로도 잘 돼요.
          - 학습률은 옵티마이저만큼 중요해요.
          - 모델이 복잡하고 데이터가 적으면 과적합이 생겨요. 훈련 손실과 검증 손실을 함께 보세요.
          - 드롭아웃은 학습 중 뉴런 일부를 꺼서 과적합을 줄여요.

          수고했어요! 다음은 합성곱 신경망이에요: `lesson.start(9)`. `lesson.list()`로 전체 수업을 볼 수 있어요.
        ]],
        en = [[
          - SGD, momentum, RMSprop and Adam turn the same gradients into different updates; Adam works
            well with its defaults.
          - The learning rate matters as much as the optimizer.
          - Complex models on little data overfit: watch the training and validation losses together.
          - Dropout switches off neurons during training and reduces overfitting.

          Well done! Next come convolutional networks: `lesson.start(9)`. `lesson.list()` shows every lesson.
        ]],
      },
    },
  },
}
