-- 09_cnn.lua — convolutional networks: an MLP learns scrambled images as well as real ones (it
-- never uses where a pixel is), a convolution by hand with a 3x3 edge kernel on a tiny image and
-- on a real one, nn.Conv2D doing the same, how kernel, stride and padding set the output shape
-- ((28-3)/1+1 = 26), max pooling by hand, the parameters of Conv2D (3*3*1*32 + 32 = 320), a small
-- CNN on Fashion-MNIST against the MLP, and the learned filters and feature maps as pictures.
return {
  name = "cnn",
  title = { ko = "합성곱 신경망(CNN)", en = "Convolutional neural networks (CNN)" },
  intro = {
    ko = [[
      지난 수업들의 MLP는 이미지를 784개의 숫자로 펴서 받았어요. 그러면 어떤 픽셀이 어떤 픽셀
      옆에 있었는지는 사라져요. 합성곱 신경망(CNN)은 작은 필터를 이미지 위로 밀면서 이웃한
      픽셀들을 함께 봐요. 2012년 ImageNet 대회에서 AlexNet이라는 CNN이 오차를 크게 줄이면서
      딥러닝이 주목받기 시작했어요. 이 수업에서는 합성곱과 풀링을 손으로 계산해 보고,
      Fashion-MNIST에서 CNN과 MLP를 비교해요.
    ]],
    en = [[
      The MLPs of the last lessons took an image as 784 numbers in a row, which loses which pixel
      was next to which. A convolutional neural network (CNN) slides small filters over the image
      and looks at neighbouring pixels together. In 2012 a CNN called AlexNet cut the error of the
      ImageNet competition sharply, and deep learning took off. In this lesson you compute a
      convolution and a pooling by hand, then compare a CNN with an MLP on Fashion-MNIST.
    ]],
  },
  steps = {
    {
      title = { ko = "MLP는 픽셀의 자리를 모른다", en = "An MLP does not know where pixels are" },
      text = {
        ko = [[
          Fashion-MNIST를 다시 불러와요. 이번에는 라벨을 원-핫으로 바꾸지 않고 0..9 숫자 그대로
          쓸 거예요. 그리고 모든 이미지의 픽셀을 똑같은 순서로 뒤섞어 볼게요. 1부터 784까지의
          번호를 무작위로 늘어놓은 목록 `order`를 만들고, k번째 칸에 order[k]번 픽셀을 놓아요.
          이렇게 옮기는 것은 행렬 P를 곱하는 것과 같아요(P의 order[k]행 k열만 1이에요).

          사람 눈에는 뒤섞인 이미지가 잡음으로 보이지만, 정보는 하나도 사라지지 않았어요.
          픽셀의 자리만 바뀌었을 뿐이에요.
        ]],
        en = [[
          Load Fashion-MNIST again; this time the labels stay numbers 0..9 instead of one-hot
          vectors. Then scramble the pixels of every image in the same way: `order` lists the
          numbers 1 to 784 in a random order, and place k gets pixel order[k]. Moving pixels like
          this is a multiplication by a matrix P (with a 1 in row order[k], column k).

          To us the scrambled images look like noise, yet no information is lost: only the places
          of the pixels changed.
        ]],
      },
      code = [[
        x_train, y_train, x_test, y_test = data.fashion_mnist()
        x_train = x_train / 255
        x_test = x_test / 255
        labels = data.fashion_mnist_labels
        math.randomseed(42); order = {}
        for i = 1, 784 do table.insert(order, math.random(i), i) end
        P = tensor.zeros(784, 784)
        for k, i in ipairs(order) do P[i][k] = 1 end
        function scramble(x) return x:reshape(-1, 784):dot(P):reshape(-1, 28, 28) end
        plot.images(tensor.cat({x_train:narrow(1, 1, 6), scramble(x_train:narrow(1, 1, 6))}, 1), {rows = 2, cols = 6, title = "original (top), scrambled (bottom)"})
      ]],
      auto_replace = { ["x_train = x_train / 255"] = "x_train, y_train = x_train:narrow(1, 1, 6000) / 255, y_train:narrow(1, 1, 6000)" },
    },
    {
      title = { ko = "뒤섞인 이미지로 학습한 MLP", en = "An MLP trained on scrambled images" },
      text = {
        ko = [[
          지난 수업의 MLP(784-128-64-10)를 원래 이미지와 뒤섞인 이미지로 각각 학습시켜요. 두 모델은
          같은 초깃값에서 출발해요. 라벨이 숫자라서 손실은 `sparse_categorical_crossentropy`예요.
          원-핫 벡터 대신 클래스 번호를 받는 것만 다르고, 계산은 categorical_crossentropy와 같아요.
          6만 장으로 3 에포크씩 학습해도 두 모델 모두 몇 초면 끝나요.

          두 정확도가 거의 같을 거예요. MLP에게 픽셀 1과 픽셀 2는 픽셀 1과 픽셀 500만큼이나 서로
          상관없는 입력이에요. 이웃한 픽셀이 함께 만드는 모양(경계, 모서리, 무늬)을 MLP는 처음부터
          따로따로 배워야 해요.
        ]],
        en = [[
          Train the MLP of the last lessons (784-128-64-10) once on the real images and once on the
          scrambled ones, both from the same starting weights. The labels are numbers, so the loss
          is `sparse_categorical_crossentropy`: the same computation as categorical_crossentropy,
          taking class numbers instead of one-hot vectors. Three epochs over 60,000 images take a
          few seconds.

          The two accuracies come out almost equal. To an MLP, pixels 1 and 2 are as unrelated as
          pixels 1 and 500: the shapes neighbouring pixels make together (edges, corners,
          textures) must be learned from scratch, pixel by pixel.
        ]],
      },
      code = [[
        EPOCHS = 3
        function make_mlp()
          tensor.seed(42)
          local m = nn.Sequential({nn.Flatten(), nn.Dense(128, "relu"), nn.Dense(64, "relu"), nn.Dense(10, "softmax")},
                                  {input_shape = {28, 28}})
          m:compile{optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = {"accuracy"}}
          return m
        end
        mlp = make_mlp()
        mlp:fit(x_train, y_train, {epochs = EPOCHS, batch_size = 64, verbose = 0})
        mlp_loss, mlp_acc = mlp:evaluate(x_test, y_test, {verbose = 0})
        scrambled_mlp = make_mlp()
        scrambled_mlp:fit(scramble(x_train), y_train, {epochs = EPOCHS, batch_size = 64, verbose = 0})
        _, scrambled_acc = scrambled_mlp:evaluate(scramble(x_test), y_test, {verbose = 0})
        mlp_acc, scrambled_acc
      ]],
      auto_replace = { ["EPOCHS = 3"] = "EPOCHS = 1" },
      check = function(c)
        c.ok(math.abs(mlp_acc - scrambled_acc) < 0.04,
             { ko = ("정확도 차이가 생각보다 커요: %.3f, %.3f"):format(mlp_acc, scrambled_acc),
               en = ("the accuracies differ more than expected: %.3f, %.3f"):format(mlp_acc, scrambled_acc) })
      end,
    },
    {
      title = { ko = "합성곱을 손으로", en = "A convolution by hand" },
      text = {
        ko = [[
          합성곱(convolution)은 작은 가중치 행렬인 커널(kernel, 필터라고도 해요)을 이미지 위에
          올려놓고 겹치는 칸끼리 곱해서 모두 더하는 계산이에요. 한 칸씩 옮기면서 반복하면 결과가 또 하나의
          이미지가 되는데, 이것을 특징 맵(feature map)이라고 해요.

              out[i][j] = Σ  img[i + a - 1][j + b - 1] · k[a][b]     (a, b = 1..3)

          왼쪽이 어둡고(0) 오른쪽이 밝은(1) 6x6 이미지에, 왼쪽에 -1, 오른쪽에 +1이 있는 3x3 커널을
          써 볼게요. 커널이 놓인 자리가 고르게 밝거나 고르게 어두우면 -1과 +1이 서로 지워져서 0이
          되고, 어두운 곳에서 밝은 곳으로 넘어가는 세로 경계 위에서만 큰 값이 나와요. 6x6에 3x3을
          올려놓을 수 있는 자리는 가로세로 4곳씩이라서 결과는 4x4예요.
        ]],
        en = [[
          A convolution lays a small matrix of weights, the kernel or filter, on the image, multiplies
          the overlapping cells and adds them all up. Repeated at every position, one cell at a time,
          it gives another image, called a feature map:

              out[i][j] = Σ  img[i + a - 1][j + b - 1] · k[a][b]     (a, b = 1..3)

          Take a 6x6 image, dark (0) on the left and bright (1) on the right, and a 3x3 kernel with
          -1 on its left and +1 on its right. Where the kernel sits on an even patch, the -1s and +1s
          cancel to 0; only on the vertical edge from dark to bright does a large value appear. A
          3x3 kernel fits in 4 places across and 4 down a 6x6 image, so the result is 4x4.
        ]],
      },
      code = [[
        img = tensor{{0, 0, 0, 1, 1, 1},
                     {0, 0, 0, 1, 1, 1},
                     {0, 0, 0, 1, 1, 1},
                     {0, 0, 0, 1, 1, 1},
                     {0, 0, 0, 1, 1, 1},
                     {0, 0, 0, 1, 1, 1}}
        k = tensor{{-1, 0, 1}, {-1, 0, 1}, {-1, 0, 1}}
        function conv2d(image, kernel)
          local kh, kw = kernel:size(1), kernel:size(2)
          local out = tensor.zeros(image:size(1) - kh + 1, image:size(2) - kw + 1)
          for i = 1, out:size(1) do
            for j = 1, out:size(2) do
              out[i][j] = (image:narrow(1, i, kh):narrow(2, j, kw) * kernel):sum():item()
            end
          end
          return out
        end
        feature = conv2d(img, k)
        feature
      ]],
      check = function(c)
        c.ok(feature[1][1] == 0 and feature[1][2] == 3 and feature[4][3] == 3 and feature[4][4] == 0,
             { ko = "특징 맵이 0 3 3 0 줄이 아니에요", en = "the feature map is not rows of 0 3 3 0" })
      end,
    },
    {
      title = { ko = "특징 맵을 그림으로", en = "The feature map as a picture" },
      text = {
        ko = [[
          입력과 특징 맵을 그림으로 보면, 경계가 있던 자리만 밝게 남은 게 보여요. 이번에는 진짜
          Fashion-MNIST 이미지(앵클 부츠)에 같은 커널을 적용해 볼게요. 28x28에서 26x26이 나와요.
          결과의 부호는 밝아지는 경계(+)인지 어두워지는 경계(-)인지를 뜻해서, 크기만 보려고
          `abs()`를 붙였어요. 부츠의 세로 윤곽이 또렷하게 드러나요.
        ]],
        en = [[
          As pictures, the input and the feature map show that only the place of the edge stays
          bright. Now the same kernel on a real Fashion-MNIST image (an ankle boot): 28x28 gives
          26x26. The sign tells a dark-to-bright edge (+) from a bright-to-dark one (-), so `abs()`
          keeps just the strength. The boot's vertical outlines stand out.
        ]],
      },
      code = [[
        plot.image(img, {title = "input 6x6"})
        plot.image(feature, {title = "feature map 4x4"})
        boot = x_train[1]
        plot.image(boot, {title = labels[y_train[1] + 1]})
        plot.image(conv2d(boot, k):abs(), {title = "vertical edges 26x26"})
      ]],
    },
    {
      title = { ko = "연습: 가로 경계를 찾는 커널", en = "Practice: a kernel for horizontal edges" },
      text = {
        ko = [[
          k는 세로 경계에 반응했어요. 위쪽이 어둡고 아래쪽이 밝은 가로 경계에 반응하는 커널도
          만들 수 있어요. 커널의 행과 열을 바꿔 생각해 보세요. 만든 다음에는
          `plot.image(conv2d(boot, k_h):abs())`로 부츠의 가로 윤곽(밑창, 윗부분)을 확인해 보세요.
        ]],
        en = [[
          k reacts to vertical edges. A kernel can just as well react to horizontal edges, dark
          above and bright below: think of k with its rows and columns swapped. Then look at the
          boot's horizontal outlines (the sole, the top) with `plot.image(conv2d(boot, k_h):abs())`.
        ]],
      },
      task = {
        ko = "가로 경계에는 반응하고 세로 경계에는 반응하지 않는 3x3 커널을 만들어 k_h에 넣어 보세요.",
        en = "Make a 3x3 kernel k_h that reacts to horizontal edges and not to vertical ones.",
      },
      hint = {
        ko = "맨 윗줄은 -1, 가운데 줄은 0, 맨 아랫줄은 +1이에요. `k:T()`(전치)로도 만들 수 있어요.",
        en = "The top row is -1, the middle row 0, the bottom row +1. `k:T()` (the transpose) gives it too.",
      },
      solution = [[
        k_h = tensor{{-1, -1, -1}, {0, 0, 0}, {1, 1, 1}}
        plot.image(conv2d(boot, k_h):abs(), {title = "horizontal edges 26x26"})
      ]],
      check = function(c)
        local kh = c.tensor("k_h", { 3, 3 })
        -- the runner's own convolution, so that a changed conv2d cannot mislead the check
        local function response(image)
          local best = 0
          for i = 1, 4 do
            for j = 1, 4 do
              best = math.max(best, math.abs((image:narrow(1, i, 3):narrow(2, j, 3) * kh):sum():item()))
            end
          end
          return best
        end
        local vertical = tensor.zeros(6, 6)
        vertical:narrow(2, 4, 3):fill(1)
        local horizontal = tensor.zeros(6, 6)
        horizontal:narrow(1, 4, 3):fill(1)
        c.ok(response(vertical) < 1e-4, { ko = "k_h가 세로 경계에도 반응해요. 각 열의 합이 0이 되게 해 보세요.",
                                          en = "k_h reacts to vertical edges too; make each column add up to 0." })
        c.ok(response(horizontal) > 0.5, { ko = "k_h가 가로 경계에 반응하지 않아요.",
                                           en = "k_h does not react to horizontal edges." })
      end,
    },
    {
      title = { ko = "nn.Conv2D와 출력 크기", en = "nn.Conv2D and the output shape" },
      text = {
        ko = [[
          nn.Conv2D 층도 똑같은 계산을 해요. 커널을 k로 정해 주면 손으로 한 결과와 같은 4x4가
          나와요. 다만 CNN에서는 커널 값을 사람이 정하지 않고, 학습으로 찾아요. 이미지는 Keras처럼
          [개수, 높이, 너비, 채널] 모양이라서 흑백 6x6 한 장은 {1, 6, 6, 1}이에요.

          출력 크기는 네 가지 설정으로 정해져요.
          - filters: 필터 개수. 필터마다 특징 맵이 하나씩 나와서 출력 채널 수가 돼요.
          - kernel: 필터 크기(3이면 3x3).
          - stride: 필터를 한 번에 옮기는 칸 수. 2면 출력이 절반쯤으로 줄어요.
          - padding: "valid"(기본)는 이미지 안에서만 계산해서 가장자리만큼 줄고, "same"은
            가장자리에 0을 둘러서 크기를 유지해요(stride가 1일 때).

              출력 = (입력 - 커널) / stride + 1   (valid, 나머지는 버림)
              (28 - 3) / 1 + 1 = 26        (28 - 3) / 2 + 1 = 13.5 → 13
        ]],
        en = [[
          An nn.Conv2D layer does the same computation: set its kernel to k and it gives the same
          4x4 as the hand computation. In a CNN, though, nobody sets the kernels: they are learned.
          Images are [count, height, width, channels] as in Keras, so one grey 6x6 image is
          {1, 6, 6, 1}.

          Four settings decide the output shape:
          - filters: how many filters; each gives one feature map, an output channel.
          - kernel: the filter's size (3 means 3x3).
          - stride: how many cells the filter moves at a time; 2 roughly halves the output.
          - padding: "valid" (the default) stays inside the image and loses the border; "same"
            surrounds the image with zeros and keeps its size (with stride 1).

              output = (input - kernel) / stride + 1   (valid, rounded down)
              (28 - 3) / 1 + 1 = 26        (28 - 3) / 2 + 1 = 13.5 → 13
        ]],
      },
      code = [[
        conv = nn.Conv2D(1, 3, {input_shape = {6, 6, 1}, use_bias = false})
        conv.kernel = k:reshape(3, 3, 1, 1)
        edge_net = nn.Sequential({conv})
        edge_net:predict(img:reshape(1, 6, 6, 1)):reshape(4, 4)
        probe = tensor.zeros(1, 28, 28, 1)
        nn.Conv2D(32, 3)(probe):shape()
        nn.Conv2D(32, 3, {padding = "same"})(probe):shape()
        nn.Conv2D(32, 3, {stride = 2})(probe):shape()
        nn.Conv2D(32, 5)(probe):shape()
      ]],
    },
    {
      title = { ko = "연습: 14x14x8을 만드는 층", en = "Practice: a layer that makes 14x14x8" },
      task = {
        ko = "28x28x1 이미지를 받아 14x14 특징 맵 8장(출력 {1, 14, 14, 8})을 내는 Conv2D 층을 만들어 my_conv에 넣어 보세요. `my_conv(probe):shape()`로 확인할 수 있어요.",
        en = "Make a Conv2D layer my_conv that turns a 28x28x1 image into 8 feature maps of 14x14 (output {1, 14, 14, 8}). `my_conv(probe):shape()` shows what you got.",
      },
      hint = {
        ko = "필터는 8개예요. 크기를 절반으로 줄이는 건 stride = 2이고, 28의 절반이 정확히 나오려면 padding = \"same\"이 필요해요.",
        en = "Eight filters. stride = 2 halves the size, and padding = \"same\" makes it exactly half of 28.",
      },
      solution = [[
        my_conv = nn.Conv2D(8, 3, {stride = 2, padding = "same"})
        my_conv(probe):shape()
      ]],
      check = function(c)
        local layer = c.defined("my_conv")
        local ok, out = pcall(function() return layer(tensor.zeros(1, 28, 28, 1)) end)
        local why = tostring(out):gsub("^[^:]*:%d+: ", "")
        c.ok(ok, { ko = "my_conv에 28x28x1 이미지를 넣으니 오류가 나요: " .. why,
                   en = "my_conv fails on a 28x28x1 image: " .. why })
        local s = out:shape()
        c.ok(#s == 4 and s[2] == 14 and s[3] == 14 and s[4] == 8,
             { ko = ("지금 출력 모양은 {%s}, 나와야 하는 모양은 {1, 14, 14, 8}이에요."):format(table.concat(s, ", ")),
               en = ("The output shape is {%s}; it should be {1, 14, 14, 8}."):format(table.concat(s, ", ")) })
      end,
    },
    {
      title = { ko = "최대 풀링", en = "Max pooling" },
      text = {
        ko = [[
          풀링(pooling)은 특징 맵을 작게 줄여요. 최대 풀링 MaxPool2D(2)는 2x2 칸마다 가장 큰 값
          하나만 남겨서 가로세로를 절반으로 만들어요. 가중치가 없어서 배울 것도 없어요. 특징이 있는지가
          중요하지 정확히 어느 픽셀에 있는지는 덜 중요하니까, 조금 움직여도 결과가 잘 변하지 않아요.
          그리고 다음 층이 다룰 값이 4분의 1로 줄어서 계산도 빨라져요.
        ]],
        en = [[
          Pooling makes feature maps smaller. Max pooling, MaxPool2D(2), keeps only the largest value
          of each 2x2 block and halves the height and width. It has no weights, so nothing to learn.
          Whether a feature is there matters more than exactly which pixel it is on, so small shifts
          barely change the result; and the next layer has a quarter of the values to process.
        ]],
      },
      code = [[
        a = tensor{{1, 3, 2, 1}, {4, 2, 0, 1}, {5, 1, 3, 8}, {0, 2, 4, 6}}
        pooled = tensor.zeros(2, 2)
        for i = 1, 2 do
          for j = 1, 2 do
            pooled[i][j] = a:narrow(1, 2 * i - 1, 2):narrow(2, 2 * j - 1, 2):max():item()
          end
        end
        pooled
        nn.MaxPool2D(2)(a:reshape(1, 4, 4, 1)):reshape(2, 2)
      ]],
      check = function(c)
        c.ok(pooled[1][1] == 4 and pooled[1][2] == 2 and pooled[2][1] == 5 and pooled[2][2] == 8,
             { ko = "풀링 결과가 {{4, 2}, {5, 8}}이 아니에요", en = "the pooled result is not {{4, 2}, {5, 8}}" })
      end,
    },
    {
      title = { ko = "CNN 모델과 파라미터 수", en = "The CNN and its parameters" },
      text = {
        ko = [[
          합성곱 두 번, 풀링 두 번, 그리고 소프트맥스 출력층으로 된 작은 CNN이에요. 모양의 변화를
          따라가 보세요: 28x28x1 → 26x26x32 → 13x13x32 → 11x11x64 → 5x5x64 → 1,600 → 10.

          필터 하나에는 커널 크기 x 입력 채널 수만큼의 가중치와 편향 1개가 있어요.

              첫 번째 Conv2D:  3*3*1*32 + 32  =    320
              두 번째 Conv2D:  3*3*32*64 + 64 = 18,496   (필터마다 32채널을 모두 봐요)
              Dense:           1600*10 + 10   = 16,010      합계 34,826

          필터는 이미지의 모든 자리에서 같은 가중치를 써요(가중치 공유). 그래서 MLP(109,386개)의
          3분의 1도 안 되는 파라미터로 이미지를 다룰 수 있어요.
        ]],
        en = [[
          A small CNN: two convolutions, two poolings and a softmax output layer. Follow the shapes:
          28x28x1 → 26x26x32 → 13x13x32 → 11x11x64 → 5x5x64 → 1,600 → 10.

          Each filter has kernel size x input channels weights, plus one bias:

              first Conv2D:   3*3*1*32 + 32  =    320
              second Conv2D:  3*3*32*64 + 64 = 18,496   (each filter sees all 32 channels)
              Dense:          1600*10 + 10   = 16,010      total 34,826

          A filter uses the same weights at every place in the image (weight sharing), which is how
          the CNN gets by with under a third of the MLP's 109,386 parameters.
        ]],
      },
      code = [[
        tensor.seed(42)
        cnn = nn.Sequential({
          nn.Conv2D(32, 3, {activation = "relu", input_shape = {28, 28, 1}}),
          nn.MaxPool2D(2),
          nn.Conv2D(64, 3, {activation = "relu"}),
          nn.MaxPool2D(2),
          nn.Flatten(),
          nn.Dense(10, "softmax"),
        })
        cnn_params = cnn:summary()
      ]],
      check = function(c)
        c.ok(cnn_params == 34826, { ko = "파라미터가 34,826개가 아니에요", en = "the count is not 34,826" })
      end,
    },
    {
      title = { ko = "CNN 학습과 MLP와의 비교", en = "Training the CNN, and the MLP beside it" },
      text = {
        ko = [[
          Conv2D는 채널 차원까지 있는 [N, 28, 28, 1] 모양을 받으니 `reshape`로 채널 1을 붙여요(복사
          없이 모양만 바뀌어요). MLP와 똑같이 3 에포크를 학습시켜요. 합성곱은 계산이 많아서 이
          컴퓨터에서 에포크마다 15~30초쯤 걸려요. 기다리기 힘들면 Ctrl-C로 멈춰도 그때까지 학습한
          모델로 계속할 수 있어요.

          보통 MLP는 0.85 정도, CNN은 0.88~0.89 정도가 나와요. 파라미터는 3분의 1인데 더 정확해요.
          에포크를 늘리면 CNN은 0.91을 넘어요.
        ]],
        en = [[
          Conv2D takes [N, 28, 28, 1], with a channel dimension, so `reshape` adds a channel of 1 (the
          shape changes, nothing is copied). Train for 3 epochs, as the MLP was. Convolutions are
          heavy: each epoch takes some 15 to 30 seconds on this computer. If that is too long,
          Ctrl-C stops training and you go on with the model as trained so far.

          The MLP usually gets about 0.85, the CNN 0.88 to 0.89: more accurate with a third of the
          parameters. With more epochs the CNN passes 0.91.
        ]],
      },
      code = [[
        x_train_img = x_train:reshape(-1, 28, 28, 1)
        x_test_img = x_test:reshape(-1, 28, 28, 1)
        cnn:compile{optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = {"accuracy"}}
        cnn_history = cnn:fit(x_train_img, y_train, {epochs = EPOCHS, batch_size = 64})
        cnn_loss, cnn_acc = cnn:evaluate(x_test_img, y_test)
        mlp_acc, cnn_acc
      ]],
      check = function(c)
        c.ok(cnn_acc > 0.7, { ko = ("CNN의 시험 정확도(%.3f)가 너무 낮아요"):format(cnn_acc),
                              en = ("the CNN's test accuracy %.3f is too low"):format(cnn_acc) })
      end,
    },
    {
      title = { ko = "학습된 필터와 특징 맵", en = "The learned filters and feature maps" },
      text = {
        ko = [[
          첫 번째 Conv2D의 커널은 [3, 3, 1, 32] 모양이에요. 필터 번호를 맨 앞으로 옮기면
          3x3 그림 32장이 돼요. 손으로 만든 k처럼 한쪽은 밝고 반대쪽은 어두운, 경계를 찾는 필터가
          여럿 보일 거예요.

          필터를 시험 이미지 한 장에 적용한 결과(특징 맵)도 볼게요. 첫 번째 층만 가진 모델
          `first`는 cnn과 같은 층을 공유해요. 어떤 필터는 윤곽을, 어떤 필터는 밝은 면이나 어두운
          배경을 찾아요. 다음 층은 이 특징 맵들을 다시 조합해서 더 큰 모양(소매, 굽, 끈)을 찾아요.
        ]],
        en = [[
          The first Conv2D's kernel has shape [3, 3, 1, 32]; moving the filter number to the front
          gives 32 pictures of 3x3. Like the hand-made k, several of them are bright on one side and
          dark on the other: edge finders.

          Then the filters applied to one test image (its feature maps). The model `first` holds
          only the first layer, shared with cnn. Some filters find outlines, others bright surfaces
          or the dark background. The next layer combines these maps into larger shapes (sleeves,
          heels, straps).
        ]],
      },
      code = [[
        filters = cnn.layers[1].kernel:permute(4, 1, 2, 3):reshape(32, 3, 3)
        plot.images(filters, {rows = 4, cols = 8, title = "the 32 learned 3x3 filters"})
        first = nn.Sequential({cnn.layers[1]})
        maps = first:predict(x_test_img:narrow(1, 1, 1))
        maps:shape()
        plot.image(x_test[1], {title = labels[y_test[1] + 1]})
        plot.images(maps[1]:permute(3, 1, 2):narrow(1, 1, 8), {rows = 2, cols = 4, title = "feature maps 1-8"})
      ]],
      replay = false,
    },
    {
      title = { ko = "정리", en = "Summary" },
      text = {
        ko = [[
          - MLP는 픽셀을 한 줄로 펴서 받기 때문에 픽셀의 자리와 이웃을 모르고 배워야 해요.
          - 합성곱은 작은 필터를 이미지 위로 밀면서 곱하고 더해요. 같은 필터를 모든 자리에 써서
            파라미터가 적어요(3*3*1*32 + 32 = 320).
          - 출력 크기는 (입력 - 커널) / stride + 1이고, padding = "same"이면 크기를 유지해요.
          - 최대 풀링은 2x2마다 가장 큰 값만 남겨서 크기를 절반으로 줄여요.
          - CNN은 MLP보다 적은 파라미터로 더 정확하고, 첫 층의 필터는 경계 같은 단순한 특징을 배워요.

          다음 수업에서는 순서가 있는 데이터를 다루는 순환 신경망(RNN)을 배워요: `lesson.start(10)`
        ]],
        en = [[
          - An MLP gets the pixels in a row, so it learns without knowing places and neighbours.
          - A convolution slides a small filter over the image, multiplying and adding; one filter
            serves every place, so there are few parameters (3*3*1*32 + 32 = 320).
          - The output size is (input - kernel) / stride + 1; padding = "same" keeps the size.
          - Max pooling keeps the largest value of each 2x2 block and halves the size.
          - A CNN is more accurate than an MLP with fewer parameters, and its first filters learn
            simple features such as edges.

          Next, recurrent networks (RNN) for data that comes in order: `lesson.start(10)`
        ]],
      },
    },
  },
}
