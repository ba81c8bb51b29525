-- 11_autoencoder.lua — unsupervised learning with autoencoders: an encoder 784→64 and a decoder
-- 64→784 trained with mse on x → x, inputs and reconstructions side by side, the compression
-- ratio (784/64 = 12.25), the reconstruction error of one image by hand, a denoising autoencoder
-- (noisy in, clean out), and a 2-D bottleneck whose codes, coloured by the labels it never saw,
-- group the clothes by kind; its decoder then draws new images from points of the plane.
return {
  name = "autoencoder",
  title = { ko = "오토인코더와 비지도학습", en = "Autoencoders and unsupervised learning" },
  intro = {
    ko = [[
      지금까지는 모든 데이터에 정답(라벨)이 붙어 있는 지도학습이었어요. 라벨 없이 데이터만 있을
      때 데이터의 구조를 배우는 것을 비지도학습이라고 해요. 군집화와 차원 축소가 대표적이에요.
      오토인코더는 입력을 작은 코드로 압축했다가 다시 원래대로 복원하도록 학습하는 신경망이에요.
      정답 자리에 입력 자신을 넣으니 라벨이 필요 없어요. 이 수업에서는 오토인코더로 이미지를
      압축하고, 잡음을 지우고, 2차원 지도 위에 옷들을 늘어놓아 봐요.
    ]],
    en = [[
      So far every example came with an answer (a label): supervised learning. Learning the
      structure of data without labels is unsupervised learning; clustering and dimensionality
      reduction are the classic cases. An autoencoder is a network trained to squeeze its input
      into a small code and restore it from there. The input itself is the answer, so no labels
      are needed. In this lesson an autoencoder compresses images, removes noise, and lays the
      clothes out on a 2-D map.
    ]],
  },
  steps = {
    {
      title = { ko = "지도학습과 비지도학습", en = "Supervised and unsupervised learning" },
      text = {
        ko = [[
          - 지도학습: 데이터가 (입력, 라벨) 쌍이에요. 분류와 회귀처럼, 입력에서 라벨을 만드는 함수를
            찾아요.
          - 비지도학습: 라벨이 없어요. 비슷한 것끼리 묶거나(군집화), 적은 수의 숫자로 요약해요(차원
            축소).

          Fashion-MNIST를 불러오되, 이번에는 이미지를 784개의 숫자로 펴서 [N, 784] 모양으로 써요.
          라벨 y는 학습에 쓰지 않고, 나중에 결과를 그림으로 확인할 때만 써요.
        ]],
        en = [[
          - Supervised learning: the data are (input, label) pairs, and we look for a function that
            makes the label from the input, as in classification and regression.
          - Unsupervised learning: no labels. Group similar things (clustering), or summarize them
            with fewer numbers (dimensionality reduction).

          Load Fashion-MNIST, this time with every image spread out into 784 numbers, [N, 784].
          The labels y take no part in training; they only help to look at the results.
        ]],
      },
      code = [[
        x_train, y_train, x_test, y_test = data.fashion_mnist()
        x_train = (x_train / 255):reshape(-1, 784)
        x_test = (x_test / 255):reshape(-1, 784)
        labels = data.fashion_mnist_labels
        x_train:shape(), x_test:shape()
      ]],
      auto_replace = { ["x_train = (x_train / 255)"] = "x_train = (x_train:narrow(1, 1, 6000) / 255)" },
    },
    {
      title = { ko = "인코더와 디코더", en = "The encoder and the decoder" },
      text = {
        ko = [[
          오토인코더는 두 부분으로 되어 있어요.
          - 인코더(encoder): 784개의 픽셀을 64개의 숫자, 코드(code)로 줄여요. Dense(64, relu).
          - 디코더(decoder): 코드 64개로 784개의 픽셀을 다시 만들어요. Dense(784, sigmoid).
            시그모이드라서 출력 픽셀이 입력처럼 0과 1 사이에 있어요.

          가운데가 좁은 병목(bottleneck)이라서, 모델은 784개 중 무엇이 중요한지 골라 64개에 담는
          법을 배워야 해요. 압축률은 784 / 64 = 12.25배예요.

              인코더: 784*64 + 64  = 50,240
              디코더: 64*784 + 784 = 50,960      합계 101,200

          두 층을 먼저 만들고 autoencoder, encoder, decoder 세 모델이 같은 층을 나눠 쓰게 해요.
          autoencoder를 학습시키면 encoder와 decoder도 함께 학습되는 셈이에요.
        ]],
        en = [[
          An autoencoder has two parts:
          - the encoder turns 784 pixels into 64 numbers, the code: Dense(64, relu);
          - the decoder makes 784 pixels again from the 64-number code: Dense(784, sigmoid), whose
            sigmoid keeps the output pixels between 0 and 1, like the input.

          The narrow middle, the bottleneck, forces the model to learn what matters among the 784
          numbers and to keep that in 64. The compression ratio is 784 / 64 = 12.25.

              encoder: 784*64 + 64  = 50,240
              decoder: 64*784 + 784 = 50,960      total 101,200

          Make the two layers first; the three models autoencoder, encoder and decoder share them,
          so training autoencoder trains encoder and decoder as well.
        ]],
      },
      code = [[
        tensor.seed(1)
        encode_layer = nn.Dense(64, "relu")
        decode_layer = nn.Dense(784, "sigmoid")
        autoencoder = nn.Sequential({encode_layer, decode_layer}, {input_shape = {784}})
        encoder = nn.Sequential({encode_layer})
        decoder = nn.Sequential({decode_layer})
        ae_params = autoencoder:summary()
        784 / 64
      ]],
      check = function(c)
        c.ok(ae_params == 101200, { ko = "파라미터가 101,200개가 아니에요", en = "the count is not 101,200" })
      end,
    },
    {
      title = { ko = "입력이 곧 정답", en = "The input is the answer" },
      text = {
        ko = [[
          픽셀 값을 맞히는 문제라서 손실은 평균제곱오차(mse)예요. fit에 정답 대신 입력을 한 번 더
          넣어요: `fit(x_train, x_train)`. 검증도 마찬가지로 시험 이미지를 입력과 정답 양쪽에 써요.
          5 에포크는 몇 초면 끝나요.
        ]],
        en = [[
          The task is to get pixel values right, so the loss is the mean squared error (mse). fit
          gets the input once more where the answers would go: `fit(x_train, x_train)`, and the
          test images serve as both input and answer for validation. Five epochs take a few
          seconds.
        ]],
      },
      code = [[
        EPOCHS = 5
        autoencoder:compile{optimizer = "adam", loss = "mse"}
        ae_history = autoencoder:fit(x_train, x_train, {epochs = EPOCHS, batch_size = 256, validation_data = {x_test, x_test}})
      ]],
      check = function(c)
        local v = ae_history.val_loss[#ae_history.val_loss]
        c.ok(v < 0.06, { ko = ("검증 손실(%.4f)이 너무 커요"):format(v), en = ("the validation loss %.4f is too high"):format(v) })
      end,
    },
    {
      title = { ko = "복원된 이미지", en = "The reconstructions" },
      text = {
        ko = [[
          시험 이미지 8장(위)과 오토인코더가 복원한 이미지(아래)를 비교해요. 전체 모양과 밝기는
          잘 살아 있지만 조금 흐릿해요. 글자나 체크무늬 같은 잔무늬는 64개의 숫자에 다 담기지 않아서
          사라져요.

          인코더만 따로 쓰면 이미지마다 64개짜리 코드가 나오고, 그 코드를 디코더에 넣으면 복원된
          이미지가 나와요. 784개의 숫자 대신 64개만 저장해도 이만큼 되살릴 수 있다는 뜻이에요.
        ]],
        en = [[
          Eight test images (top) and what the autoencoder makes of them (bottom): the overall shape
          and brightness survive, a little blurred; fine detail such as lettering or checks does not
          fit into 64 numbers and fades away.

          The encoder alone gives each image a 64-number code, and the decoder turns the code back
          into the image: storing 64 numbers instead of 784 is enough to bring this much back.
        ]],
      },
      code = [[
        originals = x_test:narrow(1, 1, 8)
        reconstructed = autoencoder:predict(originals)
        plot.images(tensor.cat({originals, reconstructed}, 1):reshape(16, 28, 28), {rows = 2, cols = 8, title = "inputs (top), reconstructions (bottom)"})
        codes = encoder:predict(originals)
        codes:shape()
        codes[1]:narrow(1, 1, 8)
        (decoder:predict(codes) - reconstructed):abs():max()
      ]],
    },
    {
      title = { ko = "연습: 한 장의 복원 오차", en = "Practice: the error of one image" },
      text = {
        ko = [[
          모델이 줄이려고 한 손실은 픽셀마다의 오차를 제곱해서 평균 낸 값이에요. 첫 번째 시험 이미지
          `originals[1]`과 그 복원 `reconstructed[1]`로 직접 계산해 보세요. 검증 손실과 비슷한
          크기가 나올 거예요.
        ]],
        en = [[
          The loss the model minimized is the mean of the squared pixel errors. Compute it yourself
          for the first test image, `originals[1]`, and its reconstruction, `reconstructed[1]`: it
          comes out about the size of the validation loss.
        ]],
      },
      task = {
        ko = "첫 번째 시험 이미지의 평균제곱오차를 숫자로 계산해서 err1에 넣어 보세요.",
        en = "Compute the mean squared error of the first test image as a number and store it in err1.",
      },
      hint = {
        ko = "차이를 제곱해서 평균을 내고 `:item()`으로 숫자를 꺼내요: `((reconstructed[1] - originals[1]) ^ 2):mean():item()`",
        en = "Square the difference, take the mean and get the number with `:item()`: `((reconstructed[1] - originals[1]) ^ 2):mean():item()`",
      },
      solution = [[
        err1 = ((reconstructed[1] - originals[1]) ^ 2):mean():item()
        err1, ae_history.val_loss[EPOCHS]
      ]],
      check = function(c)
        local v = c.defined("err1")
        if type(v) ~= "number" and lunet.tensor.is_tensor(v) and v:numel() == 1 then v = v:item() end
        c.ok(type(v) == "number", { ko = "err1은 숫자여야 해요", en = "err1 should be a number" })
        local want = nn.losses.mse(autoencoder:predict(x_test:narrow(1, 1, 1)), x_test:narrow(1, 1, 1)):item()
        c.near(v, want, 1e-5, "err1")
      end,
    },
    {
      title = { ko = "잡음 제거 오토인코더", en = "A denoising autoencoder" },
      text = {
        ko = [[
          입력에는 잡음을 섞고 정답은 깨끗한 원본으로 두면, 오토인코더는 잡음을 지우는 법을 배워요.
          표준편차 0.3인 정규분포 잡음을 더하고 `clamp(0, 1)`로 0..1 범위를 지켜요. 잡음은 이미지마다
          제멋대로라서 병목을 통과하지 못하고, 옷의 모양처럼 여러 이미지에 공통인 구조만 살아남아요.

          세 줄은 위에서부터 잡음 섞인 입력, 오토인코더의 출력, 깨끗한 원본이에요.
        ]],
        en = [[
          Feed noisy inputs and keep the clean originals as answers, and the autoencoder learns to
          remove noise. Add normal noise with standard deviation 0.3 and `clamp(0, 1)` to stay in
          0..1. Noise is different in every image and cannot pass the bottleneck; only structure the
          images share, such as the shapes of clothes, gets through.

          The three rows, top to bottom: noisy inputs, the autoencoder's outputs, the clean originals.
        ]],
      },
      code = [[
        tensor.seed(2)
        x_train_noisy = (x_train + tensor.randn(x_train:shape()) * 0.3):clamp(0, 1)
        x_test_noisy = (x_test + tensor.randn(x_test:shape()) * 0.3):clamp(0, 1)
        denoiser = nn.Sequential({nn.Dense(64, "relu"), nn.Dense(784, "sigmoid")}, {input_shape = {784}})
        denoiser:compile{optimizer = "adam", loss = "mse"}
        dn_history = denoiser:fit(x_train_noisy, x_train, {epochs = EPOCHS, batch_size = 256, validation_data = {x_test_noisy, x_test}})
        noisy = x_test_noisy:narrow(1, 1, 8)
        plot.images(tensor.cat({noisy, denoiser:predict(noisy), originals}, 1):reshape(24, 28, 28), {rows = 3, cols = 8, title = "noisy, denoised, clean"})
      ]],
      check = function(c)
        local v = dn_history.val_loss[#dn_history.val_loss]
        c.ok(v < 0.06, { ko = ("검증 손실(%.4f)이 너무 커요"):format(v), en = ("the validation loss %.4f is too high"):format(v) })
      end,
    },
    {
      title = { ko = "코드가 2개라면: 옷들의 지도", en = "A code of two numbers: a map of the clothes" },
      text = {
        ko = [[
          병목을 숫자 2개까지 좁혀 볼게요. 784 → 128 → 2 → 128 → 784 구조이고, 코드 층은 활성화
          함수 없이(linear) 둬요. 코드가 2개면 이미지 한 장이 평면 위의 점 하나가 돼요. 시험 이미지
          2,000장의 코드를 점으로 찍고 라벨에 따라 색을 칠해 볼게요.

          학습에는 라벨을 한 번도 쓰지 않았는데도, 같은 종류의 옷이 한데 모여요. 바지는 바지끼리,
          샌들·스니커즈·앵클 부츠 같은 신발은 한쪽에, 티셔츠·풀오버·코트·셔츠 같은 윗옷은 또 다른
          쪽에 모이고, 서로 닮은 윗옷들은 많이 겹쳐요. 오토인코더가 데이터의 구조를 스스로 찾은
          거예요. 10 에포크에 10~20초쯤 걸려요.
        ]],
        en = [[
          Narrow the bottleneck to two numbers: 784 → 128 → 2 → 128 → 784, with no activation
          (linear) on the code layer. With a code of two numbers each image is a point on a plane.
          Plot the codes of 2,000 test images, coloured by their labels.

          The labels were never used in training, yet clothes of a kind gather together: trousers
          with trousers, footwear (sandals, sneakers, ankle boots) on one side, tops (T-shirts,
          pullovers, coats, shirts) elsewhere, the similar tops overlapping a lot. The autoencoder
          found the structure of the data by itself. Ten epochs take some 10 to 20 seconds.
        ]],
      },
      code = [[
        tensor.seed(3)
        encoder2 = nn.Sequential({nn.Dense(128, "relu"), nn.Dense(2)}, {input_shape = {784}})
        decoder2 = nn.Sequential({nn.Dense(128, "relu"), nn.Dense(784, "sigmoid")}, {input_shape = {2}})
        autoencoder2 = nn.Sequential({encoder2.layers[1], encoder2.layers[2], decoder2.layers[1], decoder2.layers[2]})
        autoencoder2:compile{optimizer = "adam", loss = "mse"}
        ae2_history = autoencoder2:fit(x_train, x_train, {epochs = 10, batch_size = 256, validation_data = {x_test, x_test}, verbose = 2})
        codes2 = encoder2:predict(x_test:narrow(1, 1, 2000))
        plot.scatter(codes2, y_test:narrow(1, 1, 2000), {names = labels, title = "2-D codes of 2,000 test images", pointsize = 0.5})
      ]],
    },
    {
      title = { ko = "지도에서 그림 만들기", en = "Drawing from the map" },
      text = {
        ko = [[
          디코더는 평면 위의 어떤 점이든 이미지로 바꿔 줘요. 코드들이 모인 범위(평균 ± 1.5 표준편차)에
          5x5 격자를 깔고, 격자점마다 디코더로 이미지를 만들어 늘어놓아 볼게요. 위쪽 줄이 지도의
          위쪽이에요. 이웃한 칸끼리는 조금씩 모양이 바뀌면서 한 종류의 옷이 다른 종류로 이어져요.
          학습 데이터에 없던 새 이미지를 만든 셈이에요.
        ]],
        en = [[
          The decoder turns any point of the plane into an image. Lay a 5x5 grid over the region the
          codes occupy (mean ± 1.5 standard deviations) and decode every grid point; the top row is
          the top of the map. Neighbouring cells change a little at a time, one kind of clothing
          turning into another: new images that were never in the training data.
        ]],
      },
      code = [[
        center, spread = codes2:mean(1), codes2:std(1) * 1.5
        grid = {}
        for i = 1, 5 do
          for j = 1, 5 do
            local gx = center[1] + spread[1] * ((j - 1) / 2 - 1)
            local gy = center[2] + spread[2] * (1 - (i - 1) / 2)
            grid[#grid + 1] = {gx, gy}
          end
        end
        grid = tensor(grid)
        grid:shape()
        plot.images(decoder2:predict(grid):reshape(25, 28, 28), {rows = 5, cols = 5, title = "decoded grid of the 2-D code plane"})
      ]],
    },
    {
      title = { ko = "연습: 점 하나를 골라 그리기", en = "Practice: pick a point and draw it" },
      text = {
        ko = [[
          산점도에서 마음에 드는 옷 무리의 한가운데 좌표를 읽어서 디코더에 넣어 보세요. 예를 들어
          바지 무리의 가운데가 (40, 5)쯤이라면 `decoder2:predict(tensor{{40, 5}})`예요. 결과는
          [1, 784] 모양이니 `plot.image(made)`로 볼 수 있어요(28x28로 알아서 그려요). 다시 보고 싶으면
          `plot.scatter(codes2, y_test:narrow(1, 1, 2000), {names = labels})`를 입력하세요.
        ]],
        en = [[
          Read off the centre of a group of clothes you like in the scatter plot and give it to the
          decoder: if the trousers gather around (40, 5), that is `decoder2:predict(tensor{{40, 5}})`.
          The result is [1, 784]; `plot.image(made)` draws it as 28x28. To see the map again, type
          `plot.scatter(codes2, y_test:narrow(1, 1, 2000), {names = labels})`.
        ]],
      },
      task = {
        ko = "코드 평면의 점 하나를 디코더로 이미지로 만들어 made에 넣고 그려 보세요.",
        en = "Decode one point of the code plane into an image, store it in made and draw it.",
      },
      hint = {
        ko = "`made = decoder2:predict(tensor{{x, y}})`에서 x, y를 산점도에서 읽은 값으로 바꾸고, `plot.image(made)`",
        en = "`made = decoder2:predict(tensor{{x, y}})` with x and y read off the scatter plot, then `plot.image(made)`",
      },
      solution = [[
        made = decoder2:predict(center:reshape(1, 2))
        plot.image(made, {title = "decoded from the centre of the map"})
      ]],
      check = function(c)
        local m = c.defined("made")
        c.ok(lunet.tensor.is_tensor(m) and m:numel() == 784,
             { ko = "made는 784개의 픽셀을 가진 텐서여야 해요. decoder2:predict(tensor{{x, y}})의 결과를 넣으세요.",
               en = "made should be a tensor of 784 pixels: the result of decoder2:predict(tensor{{x, y}})." })
        c.ok(m:min():item() >= 0 and m:max():item() <= 1,
             { ko = "픽셀 값이 0..1을 벗어나요. decoder2가 만든 이미지인가요?", en = "the pixels leave 0..1; did decoder2 make this image?" })
      end,
    },
    {
      title = { ko = "정리", en = "Summary" },
      text = {
        ko = [[
          - 비지도학습은 라벨 없이 데이터의 구조를 배워요. 오토인코더는 입력 자신을 정답으로 써요.
          - 인코더는 입력을 작은 코드로 압축하고(784 → 64, 12.25배), 디코더는 코드에서 입력을
            복원해요. 손실은 입력과 복원의 평균제곱오차예요.
          - 잡음 섞인 입력으로 깨끗한 원본을 복원하게 학습하면 잡음 제거기가 돼요.
          - 코드가 2개면 데이터를 평면 위에 그릴 수 있고, 라벨 없이도 비슷한 것끼리 모여요.
            디코더는 평면의 점에서 새 이미지를 만들어요.

          수고했어요! `lesson.list()`로 전체 수업을 다시 볼 수 있어요.
        ]],
        en = [[
          - Unsupervised learning finds structure in data without labels; an autoencoder uses its
            input as the answer.
          - The encoder compresses the input into a small code (784 → 64, 12.25 times), the decoder
            restores the input from the code; the loss is the mean squared error between them.
          - Trained to restore clean originals from noisy inputs, it becomes a noise remover.
          - With a code of two numbers the data can be drawn on a plane, where similar things gather
            without any labels, and the decoder makes new images from points of the plane.

          Well done! `lesson.list()` shows every lesson again.
        ]],
      },
    },
  },
}
