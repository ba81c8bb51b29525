-- 10_rnn.lua — recurrent networks: sequences as [N, T, F] (windows of a noisy sine wave), one
-- SimpleRNN step by hand, h = tanh(x W + h U + b), and the whole loop checked against the layer,
-- the parameter count units*(units+F+1), a SimpleRNN predicting the next value (prediction vs
-- truth), then the adding problem, which needs a memory of 25 to 50 steps: a SimpleRNN fails
-- (vanishing gradients), an LSTM (its gates in words) and a GRU learn it.
return {
  name = "rnn",
  title = { ko = "순환 신경망(RNN)과 LSTM", en = "Recurrent networks (RNN) and the LSTM" },
  intro = {
    ko = [[
      문장, 음성, 주가, 기온처럼 순서대로 들어오는 데이터를 시퀀스(sequence)라고 해요. 시퀀스에서는
      순서가 곧 정보예요. 순환 신경망(RNN)은 시퀀스를 한 걸음씩 읽으면서, 지금까지 읽은 내용을
      은닉 상태(hidden state)라는 벡터에 담아 다음 걸음으로 넘겨요. 이 수업에서는 RNN의 한
      걸음을 손으로 계산하고, 긴 기억이 필요한 문제에서 SimpleRNN과 LSTM을 비교해요.
    ]],
    en = [[
      Data that arrives in order (sentences, speech, share prices, temperatures) is a sequence,
      and in a sequence the order is information. A recurrent network (RNN) reads a sequence one
      step at a time and carries what it has read so far to the next step in a vector, the hidden
      state. In this lesson you compute an RNN step by hand, then compare a SimpleRNN and an LSTM
      on a problem that needs a long memory.
    ]],
  },
  steps = {
    {
      title = { ko = "시퀀스 데이터: [N, T, F]", en = "Sequence data: [N, T, F]" },
      text = {
        ko = [[
          측정값에 잡음이 섞인 사인파를 예로 들어요. 사인파의 값이 0.5라는 것만으로는 다음 값을 알 수
          없어요. 올라가는 중인지 내려가는 중인지는 앞의 값들을 순서대로 봐야 알 수 있거든요.

          그래서 연속된 값 20개(창, window)를 보고 그다음 값을 맞히게 해요. 시작 위치를 무작위로
          정한 창 2,000개를 만들어요. RNN의 입력은 Keras처럼 [N, T, F] 모양이에요.
          - N: 시퀀스 개수 (2,000)
          - T: 시간 걸음(time step) 수 (20)
          - F: 걸음마다 들어오는 특성(feature) 수 (값 하나라서 1)
        ]],
        en = [[
          Take a sine wave measured with some noise. A value of 0.5 alone does not tell the next
          value: whether the wave is going up or down shows only in the values before it, in order.

          So the task is: given 20 consecutive values (a window), predict the next one. Make 2,000
          windows starting at random places. RNN inputs are [N, T, F], as in Keras:
          - N: the number of sequences (2,000)
          - T: the number of time steps (20)
          - F: the number of features at each step (1, a single value)
        ]],
      },
      code = [[
        T, STEP = 20, 0.25
        function sine_windows(t0)
          local steps = tensor.arange(0, T + 1):reshape(1, T + 1) * STEP
          local wave = (t0 + steps):sin() + tensor.randn(t0:size(1), T + 1) * 0.05
          return wave:narrow(2, 1, T):reshape(-1, T, 1), wave:narrow(2, T + 1, 1)
        end
        tensor.seed(1)
        x_seq, y_seq = sine_windows(tensor.rand(2000, 1) * 2 * math.pi)
        x_seq:shape()
        y_seq:shape()
        ts = tensor.arange(1, T + 1)
        plot.lines({{ts, x_seq[1]:reshape(T), "window 1"}, {ts, x_seq[2]:reshape(T), "window 2"}, {ts, x_seq[3]:reshape(T), "window 3"}},
                   {title = "three windows of 20 steps", xlabel = "time step"})
      ]],
    },
    {
      title = { ko = "RNN의 한 걸음", en = "One step of an RNN" },
      text = {
        ko = [[
          SimpleRNN은 걸음마다 같은 계산을 되풀이해요. 이번 입력 x_t와 지난 은닉 상태 h_(t-1)을
          각각 가중치와 곱해서 더하고 tanh에 넣으면 새 은닉 상태 h_t가 돼요.

              h_t = tanh(x_t · W + h_(t-1) · U + b)      처음 h_0 = 0

          W는 입력에 곱하는 가중치(kernel, [F, units]), U는 지난 상태에 곱하는 가중치
          (recurrent_kernel, [units, units]), b는 편향이에요. 모든 걸음이 같은 W, U, b를 써요.
          유닛 4개짜리 SimpleRNN에서 가중치를 꺼내서 첫 번째 걸음을 계산해 볼게요.
          `detach()`는 기울기 기록 없이 값만 쓰겠다는 뜻이에요.
        ]],
        en = [[
          A SimpleRNN repeats one computation at every step: multiply this step's input x_t and the
          last hidden state h_(t-1) by their weights, add, and pass through tanh to get the new
          hidden state h_t:

              h_t = tanh(x_t · W + h_(t-1) · U + b)      starting from h_0 = 0

          W multiplies the input (kernel, [F, units]), U the last state (recurrent_kernel,
          [units, units]), b is the bias; every step uses the same W, U and b. Take the weights out
          of a SimpleRNN with 4 units and compute the first step. `detach()` means using the values
          without recording gradients.
        ]],
      },
      code = [[
        tensor.seed(3)
        rnn = nn.SimpleRNN(4, {input_shape = {T, 1}})
        W, U, b = rnn.kernel:detach(), rnn.recurrent_kernel:detach(), rnn.bias:detach()
        W:shape(), U:shape(), b:shape()
        seq = x_seq:narrow(1, 1, 1)
        h = tensor.zeros(1, 4)
        x1 = seq:select(2, 1)
        x1
        h = (x1:dot(W) + h:dot(U) + b):tanh()
        h
      ]],
    },
    {
      title = { ko = "연습: 20걸음을 끝까지", en = "Practice: all 20 steps" },
      text = {
        ko = [[
          t번째 걸음의 입력은 `seq:select(2, t)`예요. h를 0에서 다시 시작해서 20걸음을 모두 계산하면,
          마지막 은닉 상태가 SimpleRNN 층의 출력과 같아야 해요. 층의 출력은
          `nn.Sequential({rnn}):predict(seq)`로 볼 수 있어요.
        ]],
        en = [[
          The input of step t is `seq:select(2, t)`. Start h from 0 again and compute all 20 steps:
          the last hidden state should equal the SimpleRNN layer's output, which
          `nn.Sequential({rnn}):predict(seq)` shows.
        ]],
      },
      task = {
        ko = "for 반복문으로 20걸음을 계산해서 마지막 은닉 상태를 h_last에 넣어 보세요.",
        en = "Compute the 20 steps in a for loop and store the last hidden state in h_last.",
      },
      hint = {
        ko = "`h = tensor.zeros(1, 4)`로 시작해서 `for t = 1, T do h = (seq:select(2, t):dot(W) + h:dot(U) + b):tanh() end`",
        en = "Start with `h = tensor.zeros(1, 4)`, then `for t = 1, T do h = (seq:select(2, t):dot(W) + h:dot(U) + b):tanh() end`",
      },
      solution = [[
        h = tensor.zeros(1, 4)
        for t = 1, T do
          h = (seq:select(2, t):dot(W) + h:dot(U) + b):tanh()
        end
        h_last = h
        h_last
        nn.Sequential({rnn}):predict(seq)
      ]],
      check = function(c)
        local got = c.tensor("h_last", { 1, 4 })
        local want = nn.Sequential({ rnn }):predict(seq)
        local diff = (got - want):abs():max():item()
        c.ok(diff < 1e-4, { ko = ("층의 출력과 %.4f만큼 달라요. 20걸음을 모두 했는지, h를 0에서 시작했는지 확인해 보세요."):format(diff),
                            en = ("It differs from the layer's output by %.4f. Did you do all 20 steps, starting h from 0?"):format(diff) })
      end,
    },
    {
      title = { ko = "RNN의 파라미터 수", en = "The parameters of an RNN" },
      text = {
        ko = [[
          W는 F x units, U는 units x units, b는 units개예요. 그래서 SimpleRNN의 파라미터 수는

              units x units + F x units + units = units x (units + F + 1)

          유닛 16개, 특성 1개면 16 x (16 + 1 + 1) = 288이에요. 시퀀스가 길어져도 같은 가중치를
          되풀이해서 쓰니까 파라미터 수는 T와 상관없어요. 뒤에서 볼 LSTM은 이런 묶음이 4개라서
          4배(1,152), GRU는 3개에 편향이 한 줄 더 있어서 912개예요.
        ]],
        en = [[
          W is F x units, U is units x units, b has units values, so a SimpleRNN has

              units x units + F x units + units = units x (units + F + 1)

          parameters: with 16 units and 1 feature, 16 x (16 + 1 + 1) = 288. The same weights serve
          every step, so the count does not depend on T. The LSTM you will meet below has 4 such
          sets, 4 times as many (1,152); the GRU has 3 sets and one more row of biases, 912.
        ]],
      },
      code = [[
        simple_count = nn.Sequential({nn.SimpleRNN(16, {input_shape = {T, 1}})}):summary()
        lstm_count = nn.Sequential({nn.LSTM(16, {input_shape = {T, 1}})}):summary()
        gru_count = nn.Sequential({nn.GRU(16, {input_shape = {T, 1}})}):summary()
        simple_count, lstm_count, gru_count
      ]],
      check = function(c)
        c.ok(simple_count == 288 and lstm_count == 1152 and gru_count == 912,
             { ko = "파라미터 수가 288, 1,152, 912가 아니에요", en = "the counts are not 288, 1,152 and 912" })
      end,
    },
    {
      title = { ko = "연습: 이미지를 한 줄씩 읽는 RNN", en = "Practice: an RNN that reads an image row by row" },
      text = {
        ko = [[
          RNN은 이미지도 읽을 수 있어요. 28x28 이미지를 위에서부터 한 줄씩, 28걸음에 나눠 넣으면
          걸음마다 픽셀 28개가 들어와요(T = 28, F = 28).
        ]],
        en = [[
          An RNN can read images too: feed a 28x28 image one row per step, top to bottom, and each of
          the 28 steps brings 28 pixels (T = 28, F = 28).
        ]],
      },
      task = {
        ko = "이 이미지를 읽는 SimpleRNN(32)의 파라미터 수를 손으로 계산해서 rows_params에 넣어 보세요.",
        en = "Work out by hand the parameter count of a SimpleRNN(32) reading these images and store it in rows_params.",
      },
      hint = {
        ko = "units x (units + F + 1)에서 units = 32, F = 28이에요. `nn.Sequential({nn.SimpleRNN(32, {input_shape = {28, 28}})}):summary()`로 확인할 수 있어요.",
        en = "units x (units + F + 1) with units = 32 and F = 28. `nn.Sequential({nn.SimpleRNN(32, {input_shape = {28, 28}})}):summary()` confirms it.",
      },
      solution = [[
        rows_params = 32 * (32 + 28 + 1)
        rows_params
      ]],
      check = function(c)
        local n = c.number("rows_params")
        c.ok(n == 32 * (32 + 28 + 1), { ko = ("%s개는 답이 아니에요. W, U, b를 하나씩 세어 보세요."):format(tostring(n)),
                                        en = ("%s is not right; count W, U and b one at a time."):format(tostring(n)) })
      end,
    },
    {
      title = { ko = "다음 값 예측하기", en = "Predicting the next value" },
      text = {
        ko = [[
          유닛 16개짜리 SimpleRNN 뒤에 Dense(1)을 붙여서, 마지막 은닉 상태로 다음 값을 예측해요.
          값을 맞히는 회귀 문제라서 손실은 평균제곱오차(mse)예요. 데이터의 20%는 검증용으로 떼어
          둬요.
        ]],
        en = [[
          A SimpleRNN with 16 units and a Dense(1) after it: the last hidden state predicts the next
          value. Predicting a value is regression, so the loss is the mean squared error (mse).
          20% of the data is held out for validation.
        ]],
      },
      code = [[
        tensor.seed(4)
        sine_rnn = nn.Sequential({nn.SimpleRNN(16, {input_shape = {T, 1}}), nn.Dense(1)})
        sine_rnn:compile{optimizer = optim.Adam{lr = 0.01}, loss = "mse"}
        sine_history = sine_rnn:fit(x_seq, y_seq, {epochs = 10, batch_size = 32, validation_split = 0.2})
      ]],
      check = function(c)
        local v = sine_history.val_loss[#sine_history.val_loss]
        c.ok(v < 0.02, { ko = ("검증 손실(%.4f)이 너무 커요"):format(v), en = ("the validation loss %.4f is too high"):format(v) })
      end,
    },
    {
      title = { ko = "예측과 실제 값 비교", en = "Prediction against the truth" },
      text = {
        ko = [[
          사인파를 따라 한 걸음씩 옮겨 가며 창 200개를 만들고, 각 창의 다음 값을 예측해서 실제 값과
          함께 그려요. 예측은 사인파를 거의 그대로 따라가고, 실제 값은 그 둘레에서 잡음만큼 흔들려요.
          잡음은 미리 알 수 없으니, 모델은 패턴만 배운 거예요. 검증 손실이 잡음의 분산
          (0.05² = 0.0025) 근처까지 내려갔다면 배울 수 있는 것은 거의 다 배운 셈이에요.
        ]],
        en = [[
          Make 200 windows, each one step further along the wave, predict the value after each and
          draw the predictions with the true values. The predictions follow the sine closely while the
          true values wobble around it by the noise. Noise cannot be foreseen: the model learned the
          pattern. A validation loss near the noise's variance (0.05² = 0.0025) means it learned
          almost all there was to learn.
        ]],
      },
      code = [[
        x_line, y_line = sine_windows(tensor.arange(0, 200):reshape(200, 1) * STEP)
        pred_line = sine_rnn:predict(x_line)
        steps = tensor.arange(1, 201)
        plot.lines({{steps, y_line, "truth"}, {steps, pred_line, "SimpleRNN"}},
                   {title = "the next value: prediction and truth", xlabel = "window"})
        sine_history.val_loss[#sine_history.val_loss]
      ]],
    },
    {
      title = { ko = "긴 기억이 필요한 문제", en = "A problem that needs a long memory" },
      text = {
        ko = [[
          이번 문제는 더 어려워요. 시퀀스마다 0과 1 사이의 숫자가 50개 있고, 그중 두 개에 표시가
          붙어 있어요. 하나는 앞쪽 절반에, 하나는 뒤쪽 절반에 있어요. 표시된 두 숫자의 합을 맞히는
          게 목표예요(덧셈 문제, adding problem). 걸음마다 특성이 2개(숫자, 표시)예요.

          첫 번째 표시는 끝에서 25~50걸음 전에 있으니, 그 값을 끝까지 기억해야 해요. 늘 평균인
          1만 답하면 mse는 약 0.167이에요. SimpleRNN의 검증 손실이 이 값에서 거의 내려가지 않을
          거예요.

          이유는 기울기 소실이에요. 오차를 한 걸음 과거로 전할 때마다 U와 tanh의 기울기(1 이하)가
          곱해져서, 수십 걸음 전까지 가면 기울기가 거의 0이 돼요. 그래서 먼 과거의 입력을 기억하는
          법을 배우지 못해요.
        ]],
        en = [[
          Now a harder problem. Each sequence has 50 numbers between 0 and 1, and two of them are
          marked, one in the first half and one in the second. The goal is the sum of the two marked
          numbers (the adding problem). Each step has 2 features: the number and the mark.

          The first mark comes 25 to 50 steps before the end, so its value must be remembered all the
          way. Always answering the average, 1, gives an mse of about 0.167, and the SimpleRNN's
          validation loss will hardly go below that.

          The reason is the vanishing gradient: each step back in time multiplies the error signal by
          U and by tanh's slope (at most 1), so a few dozen steps back the gradient is almost 0, and
          the network cannot learn to remember inputs from long ago.
        ]],
      },
      code = [[
        L = 50
        function adding_problem(n)
          local values = tensor.rand(n, L)
          local marks = tensor.zeros(n, L)
          for i = 1, n do
            marks[i][math.random(1, L // 2)] = 1
            marks[i][math.random(L // 2 + 1, L)] = 1
          end
          return tensor.stack({values, marks}, 3), (values * marks):sum(2, true)
        end
        math.randomseed(1); tensor.seed(1)
        x_add, y_add = adding_problem(2000)
        x_add_val, y_add_val = adding_problem(500)
        x_add:shape(), y_add:shape()
        x_add[1]:narrow(1, 1, 5)
        EPOCHS = 20
        function train_on_adding(layer)
          tensor.seed(1)
          local m = nn.Sequential({layer, nn.Dense(1)})
          m:compile{optimizer = optim.Adam{lr = 0.01}, loss = "mse"}
          local h = m:fit(x_add, y_add, {epochs = EPOCHS, batch_size = 32, verbose = 0, validation_data = {x_add_val, y_add_val}})
          return m, h
        end
        simple_model, simple_history = train_on_adding(nn.SimpleRNN(16, {input_shape = {L, 2}}))
        simple_history.val_loss[EPOCHS]
      ]],
    },
    {
      title = { ko = "LSTM: 게이트가 있는 기억", en = "The LSTM: a memory with gates" },
      text = {
        ko = [[
          LSTM(Long Short-Term Memory)은 은닉 상태 옆에 셀 상태(cell state) c라는 기억 통로를 하나 더
          둬요. 셀 상태는 걸음마다 곱셈이 아니라 덧셈으로 이어져서, 기울기가 먼 과거까지 잘 흘러가요.
          기억을 드나드는 길목에는 게이트(gate) 세 개가 있어요. 게이트는 시그모이드 출력(0~1)이라서
          밸브처럼 얼마나 통과시킬지를 정해요.
          - 망각 게이트(forget gate): 지난 기억을 얼마나 남길지. 1이면 그대로, 0이면 지워요.
          - 입력 게이트(input gate): 이번 입력에서 얼마나 새로 기억에 쓸지.
          - 출력 게이트(output gate): 기억 중 얼마를 이번 출력 h로 내보낼지.

              c_t = f · c_(t-1) + i · tanh(x_t W_c + h_(t-1) U_c + b_c)
              h_t = o · tanh(c_t)

          덧셈 문제라면, 표시가 붙은 걸음에서 입력 게이트를 열어 숫자를 쓰고, 나머지 걸음에서는
          망각 게이트를 1 가까이 둬서 그 값을 지키는 법을 배울 수 있어요. 같은 조건으로 LSTM을
          학습시켜 볼게요. 몇 에포크 동안은 SimpleRNN처럼 0.16 근처에 머물다가 어느 순간 뚝
          떨어질 거예요. SimpleRNN의 곡선은 가끔 크게 튀어 오르기도 하는데, 같은 곱셈이 거꾸로
          기울기를 너무 크게 만드는 기울기 폭주(exploding gradient) 때문이에요.
        ]],
        en = [[
          An LSTM (Long Short-Term Memory) keeps a second memory path beside the hidden state, the
          cell state c. From step to step the cell state is carried on by addition, not
          multiplication, so gradients flow far back. Three gates guard the memory; each is a sigmoid
          (0 to 1), a valve deciding how much passes:
          - the forget gate: how much of the old memory to keep (1 keeps it, 0 erases it);
          - the input gate: how much of this step's input to write into the memory;
          - the output gate: how much of the memory to put out as this step's h.

              c_t = f · c_(t-1) + i · tanh(x_t W_c + h_(t-1) U_c + b_c)
              h_t = o · tanh(c_t)

          For the adding problem it can learn to open the input gate on a marked step, writing the
          number in, and to hold the forget gate near 1 elsewhere, keeping it. Train an LSTM under the
          same conditions: for a few epochs it sits near 0.16 like the SimpleRNN, then drops sharply.
          The SimpleRNN's curve may jump up now and then: the same repeated multiplication can also
          make gradients far too large (exploding gradients).
        ]],
      },
      code = [[
        lstm_model, lstm_history = train_on_adding(nn.LSTM(16, {input_shape = {L, 2}}))
        simple_history.val_loss[EPOCHS], lstm_history.val_loss[EPOCHS]
        epochs = tensor.arange(1, EPOCHS + 1)
        plot.lines({{epochs, simple_history.val_loss, "SimpleRNN"}, {epochs, lstm_history.val_loss, "LSTM"}},
                   {title = "adding problem: validation mse", xlabel = "epoch", ylabel = "mse"})
      ]],
      check = function(c)
        local s, l = simple_history.val_loss[EPOCHS], lstm_history.val_loss[EPOCHS]
        c.ok(l < 0.05 and l < s / 3, { ko = ("LSTM(%.4f)이 SimpleRNN(%.4f)보다 확실히 낫지 않아요"):format(l, s),
                                       en = ("the LSTM (%.4f) is not clearly better than the SimpleRNN (%.4f)"):format(l, s) })
      end,
    },
    {
      title = { ko = "예측한 합과 실제 합", en = "Predicted sums against true sums" },
      text = {
        ko = [[
          검증 데이터 500개에서 예측한 합을 실제 합과 함께 점으로 찍어 볼게요. 완벽하면 모든 점이
          대각선(예측 = 실제) 위에 놓여요. SimpleRNN의 점은 실제 합과 상관없이 1 근처에 가로로
          퍼져 있고, LSTM의 점은 대각선을 따라 늘어서요.
        ]],
        en = [[
          The predicted sums of the 500 validation sequences against the true sums, as points. A
          perfect model puts every point on the diagonal (predicted = true). The SimpleRNN's points
          lie in a flat band around 1 whatever the true sum; the LSTM's line up along the diagonal.
        ]],
      },
      code = [[
        truth = tensor.cat({y_add_val, y_add_val}, 1)
        guesses = tensor.cat({simple_model:predict(x_add_val), lstm_model:predict(x_add_val)}, 1)
        which = tensor.cat({tensor.zeros(500), tensor.ones(500)}, 1)
        plot.scatter(truth, guesses, which, {names = {"SimpleRNN", "LSTM"}, title = "predicted sum vs true sum", xlabel = "true", ylabel = "predicted"})
      ]],
      replay = false,
    },
    {
      title = { ko = "연습: GRU", en = "Practice: the GRU" },
      text = {
        ko = [[
          GRU(Gated Recurrent Unit)는 LSTM을 단순하게 줄인 모델이에요. 셀 상태를 따로 두지 않고,
          게이트도 두 개(업데이트 게이트, 리셋 게이트)라서 파라미터가 LSTM보다 적어요. 업데이트
          게이트가 지난 상태를 얼마나 그대로 둘지 정하니까, 역시 긴 기억을 지킬 수 있어요.
        ]],
        en = [[
          The GRU (Gated Recurrent Unit) is a slimmer LSTM: no separate cell state and two gates
          (update and reset), so fewer parameters. The update gate decides how much of the old state
          to keep as it is, so it too can hold a long memory.
        ]],
      },
      task = {
        ko = "`train_on_adding`으로 유닛 16개짜리 GRU를 덧셈 문제에 학습시키고, 돌려받은 history를 gru_history에 넣어 보세요. 마지막 검증 손실이 0.02보다 작으면 통과예요.",
        en = "Train a GRU with 16 units on the adding problem with `train_on_adding` and store the returned history in gru_history. It passes when the last validation loss is below 0.02.",
      },
      hint = {
        ko = "`gru_model, gru_history = train_on_adding(nn.GRU(16, {input_shape = {L, 2}}))`",
        en = "`gru_model, gru_history = train_on_adding(nn.GRU(16, {input_shape = {L, 2}}))`",
      },
      solution = [[
        gru_model, gru_history = train_on_adding(nn.GRU(16, {input_shape = {L, 2}}))
        gru_history.val_loss[#gru_history.val_loss]
      ]],
      check = function(c)
        local h = c.defined("gru_history")
        c.ok(type(h) == "table" and type(h.val_loss) == "table" and #h.val_loss > 0,
             { ko = "gru_history는 train_on_adding이 돌려준 history여야 해요 (두 번째 값이에요)",
               en = "gru_history should be the history train_on_adding returns (its second value)" })
        local v = h.val_loss[#h.val_loss]
        c.ok(v < 0.02, { ko = ("마지막 검증 손실: %.4f. 에포크를 늘리거나 다시 학습시켜 보세요."):format(v),
                         en = ("The last validation loss is %.4f; train longer or try again."):format(v) })
      end,
    },
    {
      title = { ko = "정리", en = "Summary" },
      text = {
        ko = [[
          - 시퀀스는 [N, T, F] 모양이고, 순서가 곧 정보예요.
          - RNN은 걸음마다 h_t = tanh(x_t W + h_(t-1) U + b)를 같은 가중치로 되풀이해요.
            파라미터 수는 units x (units + F + 1)이고 시퀀스 길이와 상관없어요.
          - SimpleRNN은 가까운 과거로 충분한 문제(다음 값 예측)는 잘 풀지만, 먼 과거를 기억해야
            하면 기울기 소실 때문에 배우지 못해요.
          - LSTM은 셀 상태와 망각·입력·출력 게이트로, GRU는 업데이트·리셋 게이트로 긴 기억을 지켜요.

          다음 수업에서는 정답 없이 데이터 자체를 배우는 오토인코더를 만나요: `lesson.start(11)`
        ]],
        en = [[
          - Sequences are [N, T, F], and their order is information.
          - An RNN repeats h_t = tanh(x_t W + h_(t-1) U + b) with the same weights at every step; it
            has units x (units + F + 1) parameters, whatever the length of the sequence.
          - A SimpleRNN does well when the recent past is enough (the next value), but cannot learn
            to remember the distant past because of vanishing gradients.
          - The LSTM keeps a long memory with its cell state and forget, input and output gates; the
            GRU with its update and reset gates.

          Next, autoencoders, which learn from the data itself without answers: `lesson.start(11)`
        ]],
      },
    },
  },
}
