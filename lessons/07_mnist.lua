-- 07_mnist.lua — image classification end to end: MNIST digits and Fashion-MNIST clothes, a 4x4
-- grid of labelled images, preprocessing (0..1 floats, one-hot), the course's Keras model
-- Flatten-Dense(128, relu)-Dense(64, relu)-Dense(10, softmax), compile and fit with
-- validation_split and a live plot, evaluate, the confusion matrix, and the 400,906 parameters
-- of a 784-256x4-10 network.
return {
  name = "mnist",
  title = { ko = "이미지 분류: MNIST와 Fashion-MNIST", en = "Classifying images: MNIST and Fashion-MNIST" },
  intro = {
    ko = [[
      지금까지 배운 것을 모두 모아 진짜 데이터를 분류해요. 손글씨 숫자 MNIST를 먼저 살펴보고,
      옷 사진 10종류로 이루어진 Fashion-MNIST로 Keras 방식의 심층 신경망을 학습시켜요.
      데이터 준비 → 모델 만들기 → compile → fit → evaluate의 흐름을 기억하세요.
    ]],
    en = [[
      Everything so far, together, on real data. First a look at the handwritten digits of MNIST,
      then a deep network trained Keras-style on Fashion-MNIST, photos of ten kinds of clothing.
      Remember the flow: prepare the data → build the model → compile → fit → evaluate.
    ]],
  },
  steps = {
    {
      title = { ko = "MNIST 손글씨 숫자", en = "MNIST handwritten digits" },
      text = {
        ko = [[
          MNIST는 28x28 픽셀의 흑백 손글씨 숫자 이미지예요. 원래는 훈련용 60,000장과 시험용 10,000장이고,
          연구원과 고등학생이 쓴 글씨가 섞여 있어요. 픽셀 값은 0(검정)부터 255(흰색)까지예요.
          (이 컴퓨터에 전체 데이터가 없으면 lunet에 들어 있는 10,000장짜리 표본을 써요.)
          데이터를 불러오면 먼저 모양을 확인해요.
        ]],
        en = [[
          MNIST is 28x28-pixel greyscale images of handwritten digits, originally 60,000 for training
          and 10,000 for testing, written by both researchers and high-school students. Pixels go
          from 0 (black) to 255 (white). (Without the full set on this computer, lunet uses the
          10,000-digit sample it ships.) After loading, look at the shapes first.
        ]],
      },
      code = [[
        digits_x, digits_y = data.mnist()
        digits_x:shape()
        digits_y:shape()
        digits_y[10]
        plot.image(digits_x[10], {invert = true, title = ("label %d"):format(digits_y[10])})
      ]],
    },
    {
      title = { ko = "Fashion-MNIST와 라벨 이름", en = "Fashion-MNIST and its label names" },
      text = {
        ko = [[
          Fashion-MNIST는 MNIST와 모양이 같은(28x28, 10개 클래스) 옷 사진이에요. 훈련용 60,000장, 시험용
          10,000장이에요. 라벨은 0부터 9까지의 숫자이고, 각 숫자가 어떤 옷인지는 이름 목록으로 알 수
          있어요. Lua 배열은 1부터 세니까 라벨 k의 이름은 `labels[k + 1]`이에요.
        ]],
        en = [[
          Fashion-MNIST has MNIST's shape (28x28, 10 classes) but shows clothes: 60,000 training and
          10,000 test images. Labels are numbers 0 to 9, and a list names them. Lua arrays count
          from 1, so label k is called `labels[k + 1]`.
        ]],
      },
      code = [[
        x_train, y_train, x_test, y_test = data.fashion_mnist()
        x_train:shape()
        x_test:shape()
        labels = data.fashion_mnist_labels
        labels
        y_train[1], labels[y_train[1] + 1]
      ]],
    },
    {
      title = { ko = "훈련 이미지 16장", en = "Sixteen training images" },
      text = {
        ko = "처음 16장을 4x4로 늘어놓고 각 그림 아래에 라벨 이름을 붙여 볼게요.",
        en = "The first 16 images in a 4x4 grid, each with its label's name.",
      },
      code = [[
        plot.images(x_train:narrow(1, 1, 16), {titles = y_train:narrow(1, 1, 16), names = labels, rows = 4, cols = 4, title = "Train Images"})
      ]],
      replay = false,
    },
    {
      title = { ko = "데이터 전처리", en = "Preprocessing" },
      text = {
        ko = [[
          신경망은 작은 값에서 잘 학습돼요. 픽셀 값을 255로 나눠서 0과 1 사이로 맞춰요(텐서는 이미
          32비트 실수예요). 정답은 원-핫 벡터로 바꿔요.
        ]],
        en = [[
          Networks learn best on small values: divide the pixels by 255 to bring them into 0..1
          (tensors are already 32-bit floats). The answers become one-hot vectors.
        ]],
      },
      code = [[
        x_train = x_train / 255
        x_test = x_test / 255
        x_train:max()
        y_onehot_train = data.one_hot(y_train, 10)
        y_onehot_test = data.one_hot(y_test, 10)
        y_onehot_train:narrow(1, 1, 3)
      ]],
    },
    {
      title = { ko = "하이퍼파라미터와 모델", en = "Hyper-parameters and the model" },
      text = {
        ko = [[
          사람이 정해 주는 값을 하이퍼파라미터라고 해요. 모델은 이미지를 784개의 숫자로 펴는
          Flatten, ReLU 은닉층 두 개(128, 64), 소프트맥스 출력층(10)이에요. 파라미터 수를 확인해 보세요.

              784 x 128 + 128 = 100,480
              128 x 64  + 64  =   8,256
              64  x 10  + 10  =     650      합계 109,386
        ]],
        en = [[
          Values a person chooses are hyper-parameters. The model: Flatten turns each image into 784
          numbers, then two ReLU hidden layers (128, 64) and a softmax output layer (10). Check the
          parameter count:

              784 x 128 + 128 = 100,480
              128 x 64  + 64  =   8,256
              64  x 10  + 10  =     650      total 109,386
        ]],
      },
      code = [[
        OUTPUT_SHAPE = 10
        BATCH_SIZE = 128
        EPOCHS = 10
        VERBOSE = 1
        tensor.seed(42)
        model = nn.Sequential({
          nn.Flatten(),
          nn.Dense(128, "relu"),
          nn.Dense(64, "relu"),
          nn.Dense(OUTPUT_SHAPE, "softmax"),
        }, {input_shape = {28, 28}})
        params = model:summary()
      ]],
      auto_replace = { ["EPOCHS = 10"] = "EPOCHS = 2" },
      check = function(c) c.ok(params == 109386, { ko = "파라미터가 109,386개가 아니에요", en = "the count is not 109,386" }) end,
    },
    {
      title = { ko = "compile: 손실 함수와 최적화 방법", en = "compile: the loss and the optimizer" },
      text = {
        ko = [[
          분류 문제이고 정답이 원-핫 벡터라서 손실은 categorical_crossentropy, 최적화 방법은 Adam,
          평가 지표는 정확도(accuracy)로 정해요.
        ]],
        en = [[
          A classification problem with one-hot answers: categorical_crossentropy for the loss, Adam
          for the optimizer, accuracy as the metric.
        ]],
      },
      code = [[
        model:compile{optimizer = "adam", loss = "categorical_crossentropy", metrics = {"accuracy"}}
      ]],
    },
    {
      title = { ko = "fit: 학습시키기", en = "fit: training" },
      text = {
        ko = [[
          훈련 데이터의 30%는 검증용(validation)으로 떼어 두고 나머지 70%로 학습해요. 검증 데이터의
          손실(val_loss)과 정확도(val_accuracy)는 학습에 쓰이지 않은 데이터에서의 성적이라서, 모델이
          처음 보는 데이터에도 통하는지 알려 줘요. `plot = true`로 학습 곡선을 실시간으로 그려요.
          에포크(epoch)마다 42,000장을 배치 128장씩 329번에 나눠 학습해요. Ctrl-C를 누르면 그 자리에서
          멈추고, 그때까지 학습한 모델은 그대로 남아요.
        ]],
        en = [[
          30% of the training data is held out for validation and the model learns from the other
          70%. The validation loss and accuracy are scores on data the model never learned from:
          they tell whether it works on new data. `plot = true` draws the learning curves live. Each
          epoch goes through 42,000 images in 329 batches of 128. Ctrl-C stops training where it is
          and keeps the model as trained so far.
        ]],
      },
      code = [[
        history = model:fit(x_train, y_onehot_train, {
          epochs = EPOCHS,
          batch_size = BATCH_SIZE,
          verbose = VERBOSE,
          validation_split = 0.3,
          plot = true,
        })
      ]],
    },
    {
      title = { ko = "학습 곡선", en = "The learning curves" },
      text = {
        ko = [[
          `history`에는 에포크마다의 손실과 정확도가 들어 있어요. 훈련 손실은 계속 줄어드는데 검증
          손실이 어느 순간 다시 오르기 시작하면 과적합(overfitting)의 신호예요.
        ]],
        en = [[
          `history` holds the loss and accuracy of every epoch. If the training loss keeps falling
          while the validation loss turns back up, that is the sign of overfitting.
        ]],
      },
      code = [[
        history.val_accuracy
        plot.history(history)
      ]],
      replay = false,
    },
    {
      title = { ko = "evaluate: 시험 데이터로 평가", en = "evaluate: the test set" },
      text = {
        ko = [[
          마지막 성적은 학습에도, 검증에도 쓰지 않은 시험 데이터 10,000장으로 매겨요. 10 에포크를 학습하면
          정확도가 보통 0.87~0.89쯤 나와요.
        ]],
        en = [[
          The final grade comes from the 10,000 test images, used neither for training nor for
          validation. After 10 epochs the accuracy is usually around 0.87 to 0.89.
        ]],
      },
      code = [[
        test_loss, test_acc = model:evaluate(x_test, y_onehot_test)
        test_loss, test_acc
      ]],
      check = function(c)
        c.ok(test_acc > 0.75, { ko = ("시험 정확도(%.3f)가 너무 낮아요"):format(test_acc),
                                en = ("the test accuracy %.3f is too low"):format(test_acc) })
      end,
    },
    {
      title = { ko = "오차 행렬", en = "The confusion matrix" },
      text = {
        ko = [[
          모델이 어떤 옷을 어떤 옷으로 착각하는지 보려면 오차 행렬(confusion matrix)을 봐요. 행은
          실제 클래스, 열은 예측한 클래스이고, 대각선이 맞힌 개수예요. 예측은 확률이 가장 큰 클래스로
          정해요. `argmax`는 1부터 세니까 1을 빼서 0부터 시작하는 라벨로 맞춰요.
          셔츠(Shirt)를 티셔츠나 풀오버, 코트와 헷갈리는 경우가 많을 거예요.
        ]],
        en = [[
          To see which clothes get mistaken for which, look at the confusion matrix: rows are the
          true classes, columns the predicted ones, the diagonal counts the right answers. The
          prediction is the class with the highest probability; `argmax` counts from 1, so subtract
          1 to match the labels. Expect Shirt to be confused with T-shirt, Pullover and Coat.
        ]],
      },
      code = [[
        y_pred = model:predict(x_test):argmax(2) - 1
        cm = metrics.confusion_matrix(y_test, y_pred, 10)
        metrics.print_confusion(cm, labels)
        plot.confusion(cm, labels)
      ]],
    },
    {
      title = { ko = "연습: 셔츠를 얼마나 맞혔을까", en = "Practice: how many shirts were right?" },
      text = {
        ko = [[
          오차 행렬의 한 행은 실제로 그 클래스인 사진들이에요. 그중 대각선 칸(맞힌 개수)의 비율을
          재현율(recall)이라고 해요. Shirt는 라벨 6이니까, Lua에서는 7번째 행과 7번째 열이에요.
          `cm[7][7]`이 맞힌 개수, `cm[7]:sum()`이 실제 셔츠의 개수예요.
        ]],
        en = [[
          A row of the confusion matrix holds the images that really are that class; the share on the
          diagonal (the right answers) is the recall. Shirt is label 6, so in Lua it is row 7 and
          column 7: `cm[7][7]` is the number right, `cm[7]:sum()` the number of real shirts.
        ]],
      },
      task = {
        ko = "셔츠의 재현율(맞힌 셔츠 수 / 실제 셔츠 수)을 계산해서 shirt_recall에 넣어 보세요.",
        en = "Compute the recall of Shirt (shirts right / real shirts) and store it in shirt_recall.",
      },
      hint = {
        ko = "`shirt_recall = cm[7][7] / cm[7]:sum():item()`",
        en = "`shirt_recall = cm[7][7] / cm[7]:sum():item()`",
      },
      solution = [[
        shirt_recall = cm[7][7] / cm[7]:sum():item()
        shirt_recall
      ]],
      check = function(c)
        local v = c.defined("shirt_recall")
        if type(v) ~= "number" and lunet.tensor.is_tensor(v) and v:numel() == 1 then v = v:item() end
        c.ok(type(v) == "number", { ko = "shirt_recall은 숫자여야 해요", en = "shirt_recall should be a number" })
        c.near(v, cm[7][7] / cm[7]:sum():item(), 1e-4, "shirt_recall")
      end,
    },
    {
      title = { ko = "연습: 더 깊은 신경망의 파라미터", en = "Practice: the parameters of a deeper network" },
      text = {
        ko = [[
          뉴런 256개짜리 은닉층을 네 개 쌓은 784-256-256-256-256-10 신경망의 파라미터 수를 세 볼까요?

              784 x 256 + 256 = 200,960
              256 x 256 + 256 =  65,792   (세 번)
              256 x 10  + 10  =   2,570      합계 400,906

          층을 깊게 쌓을수록 파라미터가 빠르게 늘어나요. 파라미터가 많으면 표현력은 커지지만, 데이터가
          적으면 과적합되기도 쉬워요.
        ]],
        en = [[
          Count the parameters of 784-256-256-256-256-10, four hidden layers of 256:

              784 x 256 + 256 = 200,960
              256 x 256 + 256 =  65,792   (three times)
              256 x 10  + 10  =   2,570      total 400,906

          Parameters grow quickly with depth: more expressive power, but also an easier time
          overfitting when data is scarce.
        ]],
      },
      task = {
        ko = "이 신경망을 만들어서 deep에 넣고 `deep:summary()`로 400,906개인지 확인해 보세요. (input_shape = {784}를 주거나 Flatten과 {28, 28}을 쓰세요)",
        en = "Build this network as deep and confirm 400,906 with `deep:summary()`. (Give input_shape = {784}, or use Flatten with {28, 28}.)",
      },
      hint = {
        ko = [[
          `deep = nn.Sequential({nn.Dense(256, "relu"), nn.Dense(256, "relu"), nn.Dense(256, "relu"), nn.Dense(256, "relu"), nn.Dense(10, "softmax")}, {input_shape = {784}})`
        ]],
        en = [[
          `deep = nn.Sequential({nn.Dense(256, "relu"), nn.Dense(256, "relu"), nn.Dense(256, "relu"), nn.Dense(256, "relu"), nn.Dense(10, "softmax")}, {input_shape = {784}})`
        ]],
      },
      solution = [[
        deep = nn.Sequential({
          nn.Dense(256, "relu"), nn.Dense(256, "relu"), nn.Dense(256, "relu"), nn.Dense(256, "relu"),
          nn.Dense(10, "softmax"),
        }, {input_shape = {784}})
        deep_count = deep:summary()
      ]],
      check = function(c)
        local m = c.defined("deep")
        local ok, ps = pcall(function() return m:parameters() end)
        c.ok(ok and type(ps) == "table", { ko = "deep 변수는 모델이어야 해요", en = "deep should be a model" })
        local n = 0
        for _, p in ipairs(ps) do n = n + p:numel() end
        c.ok(n > 0, { ko = "모델이 아직 만들어지지 않았어요. input_shape를 주세요.",
                      en = "The model is not built yet; give it an input_shape." })
        c.ok(n == 400906, { ko = ("파라미터가 %d개예요. 400,906개여야 해요."):format(n),
                            en = ("It has %d parameters; it should have 400,906."):format(n) })
      end,
    },
    {
      title = { ko = "정리", en = "Summary" },
      text = {
        ko = [[
          - 데이터를 불러오면 모양부터 확인하고, 0..1로 정규화하고, 정답은 원-핫으로 바꿔요.
          - Flatten → Dense(relu) → Dense(softmax) 모델을 compile하고 fit해요.
          - 검증 데이터로 과적합을 살피고, 시험 데이터로 마지막 성적을 매겨요.
          - 오차 행렬은 어떤 클래스를 헷갈리는지 보여 줘요.

          다음 수업에서는 옵티마이저를 비교하고 과적합을 막는 드롭아웃을 배워요: `lesson.start(8)`
        ]],
        en = [[
          - After loading data: check the shapes, scale to 0..1, make the answers one-hot.
          - Compile and fit a Flatten → Dense(relu) → Dense(softmax) model.
          - Watch validation data for overfitting; grade on the test data at the end.
          - The confusion matrix shows which classes get mixed up.

          Next, comparing optimizers and fighting overfitting with dropout: `lesson.start(8)`
        ]],
      },
    },
  },
}
