-- help_ko.lua — help, who, timeit의 한국어 문장. lua/help_topics.lua의 주제마다 하나씩:
-- [1] 한 줄 요약(모듈 목록에 나옵니다), [2] 나머지 설명, args = {이름, 설명, ...}, ret = 반환값,
-- note = 덧붙이는 말. 인자 이름은 help_en.lua와 같아야 합니다(tests/lua/test_help.lua가 확인).
-- 문체는 강의에서 학생에게 설명하는 합니다체로 통일합니다.
local K = {}

K._ui = {
  args = "인자", returns = "반환값", example = "예제", see = "함께 보기:",
  more = "하나를 자세히 보려면: help(%s) 또는 ?%s",
  more_name = "하나를 자세히 보려면: help(\"%s\")",
  usage = "주제 하나 보기: help(이름) 또는 ?이름 — 예: ?tensor.zeros, help(nn.Dense), help(\"fit\").\n" ..
          "help(x)처럼 내가 만든 변수도 물어볼 수 있습니다. 언어 바꾸기: lunet.lang = \"en\" (English)\n" ..
          "또는 \"ko\", 처음부터 정하려면 lunet --lang ko로 시작합니다.",
  closed_tensor = "이 텐서는 닫혀서 메모리가 이미 해제되었습니다.",
  this_tensor = "이 텐서: 모양 %s, float32, 원소 %s개 (%s), requires_grad = %s",
  made_by = "%s 연산으로 계산된 텐서이며 자동 미분 그래프의 일부입니다.",
  has_grad = ".grad에 기울기가 들어 있습니다.",
  this_model = "이 모델: \"%s\", 층 %d개, 파라미터 %s개",
  this_layer = "이 층: %s",
  params = "파라미터 %s개",
  this_optimizer = "이 옵티마이저: %s",
  methods_of = "메서드 목록: help(\"%s\")",
  c_function = "C로 작성된 함수이며 설명이 없습니다.",
  lua_function = "Lua 함수 (%s)입니다. 정의된 곳: %s. 설명은 없습니다.",
  std = "%s은(는) lunet이 아니라 Lua 표준 라이브러리에 들어 있습니다. Lua 5.4 매뉴얼에 설명이 있습니다:\n  %s",
  also_named = "이름이 '%s'인 주제가 더 있습니다: %s — 예: help(\"%s\")",
  unknown = "'%s'에 대한 도움말이 없습니다.",
  did_you_mean = "혹시 이것을 찾으셨나요? %s",
  try_topics = "help()를 입력하면 전체 주제 목록을 볼 수 있습니다.",
  undocumented = "%s에는 아직 설명이 없습니다.",
  function_named = "%s은(는) 직접 만든 함수입니다.",
  a_function = "직접 만든 함수입니다.",
  history = "model:fit이 돌려주는 학습 기록(history)으로 보입니다. history.loss, history.accuracy,\n" ..
            "history.val_loss, history.val_accuracy에 에포크마다 값이 하나씩 들어 있습니다.",
  plain_table = "항목이 %d개인 Lua 테이블입니다. help()는 lunet의 주제를, who()는 내 변수를 보여 줍니다.",
  ["nil"] = "help가 nil을 받았습니다. 입력한 이름이 아직 정의되지 않았거나 메서드 이름입니다.\n" ..
            "이름으로 찾으려면 따옴표로 감싸 주세요: help(\"reshape\"), help(\"model:fit\").\n" ..
            "help()를 입력하면 전체 주제 목록을 볼 수 있습니다.",
  plain_value = "%s 값입니다: %s. help()는 lunet의 주제를, who()는 내 변수를 보여 줍니다.",
  failed = "이 주제를 보여 주지 못했습니다 (%s). help()로 전체 주제 목록을 볼 수 있습니다.",
  who_name = "이름", who_type = "종류", who_info = "모양 / 값", who_memory = "메모리",
  who_none = "아직 변수가 없습니다. x = tensor.zeros(2, 3)처럼 변수를 만들면 여기에 나타납니다.",
  who_total = "변수 %d개, 텐서와 파라미터가 차지하는 메모리는 %s입니다.",
  who_model = "층 %d개, 파라미터 %s개",
  who_items = "항목 %d개",
  who_fields = "항목 %d개: %s",
  timeit_line = "호출당 %s ± %s (%s)",
  timeit_line_one = "호출당 %s (%s)",
  timeit_each = "%d번 실행의 평균 ± 표준편차, 실행마다 %s번 호출",
  timeit_all = "%d번 실행의 평균 ± 표준편차, 모두 %s번 호출",
  timeit_one = "1번 실행, 1번 호출",
}

K._groups = {
  modules = "모듈", concepts = "개념", tools = "도구",
  create = "텐서 만들기", inspect = "들여다보기", shape = "모양 바꾸기 (가능하면 뷰)",
  math = "산술 연산", activations = "활성화 함수", compare = "비교와 선택",
  reduce = "축약 연산 (차원 지정 가능)", inplace = "제자리 연산", grad = "기울기",
  check = "기울기 검사", graph = "그래프 그려 보기",
  layers = "층", layers_more = "합성곱, 정규화, 순환 층", models = "모델",
  losses = "손실 함수와 활성화 함수", build = "만들기", train = "학습 (Keras 방식)",
  use = "직접 다루기", files = "파일", optimizers = "옵티마이저",
  datasets = "데이터셋", prepare = "데이터 준비", metrics = "평가 지표",
  functions = "함수", data = "데이터", images = "이미지", output = "출력 장치와 파일",
  start = "시작하기", move = "레슨 진행 (프롬프트에서 입력)",
}

-- 예제의 주석: 코드는 두 언어가 같고, 영어 주석만 여기서 옮깁니다.
K._comments = {
  ["y = x1² + x2² + x3²"] = "y = x1² + x2² + x3²",
  ["built on first use: 4 inputs"] = "처음 쓸 때 만들어짐: 입력 4개",
  ["or: lunet --lesson xor   (--lang ko for Korean)"] = "또는: lunet --lesson xor   (한국어는 --lang ko)",
  ["the list of topics"] = "주제 목록",
  ["a function"] = "함수",
  ["a module: its members"] = "모듈: 들어 있는 함수들",
  ["by name; typos get suggestions"] = "이름으로. 오타를 내면 비슷한 이름을 알려 줍니다",
  ["help in Korean"] = "한국어 도움말",
  ["exactly 100 calls"] = "정확히 100번 호출",
  ["small random weights"] = "작은 난수 가중치",
  ["row 1 becomes zeros"] = "1번 행이 0이 됩니다",
  ["2x3"] = "2x3",
  ["3: added to every row"] = "3: 모든 행에 더해짐",
  ["2x1: added to every column"] = "2x1: 모든 열에 더해짐",
  ["dy/dx = 3x² = 12"] = "dy/dx = 3x² = 12",
  ["... evaluation without graphs ..."] = "... 그래프 없이 평가 ...",
  ["in a shell: dot -Tsvg graph.dot > graph.svg"] = "셸에서: dot -Tsvg graph.dot > graph.svg",
  ["NaN or inf now raises an error naming the op"] = "이제 NaN이나 inf가 나오면 연산 이름과 함께 오류가 납니다",
  ["a batch of 32 images"] = "이미지 32장짜리 배치",
  ["evaluation: nothing is dropped"] = "평가 모드: 아무것도 버리지 않음",
  ["[N, 28, 28, C] -> [N, 14, 14, C]"] = "[N, 28, 28, C] -> [N, 14, 14, C]",
  ["Total params: 109,386"] = "Total params: 109,386",
  ["or optim.Adam{lr = 1e-3}"] = "또는 optim.Adam{lr = 1e-3}",
  ["[10000, 10]"] = "[10000, 10]",
  ["0-based class numbers, like y_test"] = "y_test처럼 0부터 시작하는 클래스 번호",
  ["a class number 0..9"] = "클래스 번호 0..9",
  ["the class name"] = "클래스 이름",
  ["2, 2, then 1"] = "2, 2, 그다음 1",
  ["a header line gives the column names"] = "머리글 줄이 열 이름이 됩니다",
  ["text plots in this terminal"] = "이 터미널에 글자로 그리기",
  ["back to the automatic choice"] = "다시 자동 선택으로",
  ["by number"] = "번호로",
  ["by short name"] = "짧은 이름으로",
  ["lessons and help in Korean"] = "레슨과 도움말을 한국어로",
}

---------------------------------------------------------------------------------------------
-- 개요

K["lunet"] = {
  "lunet: 대화형 프롬프트에서 처음부터 배우는 딥러닝.",
  "아래의 모든 이름은 바로 쓸 수 있는 전역 변수입니다. 텐서(tensor)에 숫자를 담고, autograd가 " ..
  "기울기를 계산하며, nn으로 만든 모델은 Keras처럼 학습하고, plot은 gnuplot으로 그림을 그립니다.",
}
K["tensor"] = {
  "텐서: float32 숫자를 담는 n차원 배열로, numpy와 같은 규칙을 따릅니다.",
  "tensor{...}는 (중첩된) Lua 테이블로 텐서를 만들고, tensor(x)는 텐서를 복사하거나 숫자를 0차원 " ..
  "텐서로 바꿉니다. 인덱스와 차원 번호는 Lua처럼 1부터 시작하고, 음수 차원은 뒤에서부터 셉니다. " ..
  "산술 연산은 numpy처럼 브로드캐스팅되며, 모든 연산은 자동 미분을 위한 그래프를 기록할 수 있습니다.",
}
K["autograd"] = {
  "자동 미분: 텐서로 한 어떤 계산이든 기울기를 구해 줍니다.",
  "기울기가 필요한 입력에 t:requires_grad()를 표시하면, 그 텐서로 하는 연산이 실행되면서 그래프가 " ..
  "만들어집니다(PyTorch처럼 define-by-run 방식). y:backward()는 이 그래프를 거꾸로 따라가며 표시된 " ..
  "각 x의 x.grad에 dy/dx를 더합니다. 검사 함수들은 결과를 유한 차분과 비교합니다.",
}
K["nn"] = {
  "신경망: 층, Sequential 모델, 손실 함수.",
  "층은 함수처럼 호출합니다. layer(x)가 배치 하나를 계산합니다. nn.Sequential은 층을 이어 붙여 " ..
  "Keras처럼 compile하고 fit하는 모델을 만듭니다. 파라미터는 평범한 텐서이므로 학습 루프를 직접 " ..
  "짜도 됩니다.",
}
K["model"] = {
  "nn.Sequential로 만든 모델: 층을 차례대로 적용하는 목록입니다.",
  "#model은 층의 개수, model[i]는 i번째 층입니다. model.layers, model.name, model.training, " ..
  "model.input_shape, model.output_shape로 모델을 살펴볼 수 있습니다.",
}
K["layer"] = {
  "층: nn.Dense나 nn.ReLU처럼 모델을 이루는 한 단계입니다.",
  "모든 층은 같은 메서드를 가집니다. 입력 크기를 주지 않은 층은 처음 호출될 때 데이터를 보고 " ..
  "만들어집니다.",
}
K["nn.losses"] = {
  "손실 함수: 예측이 정답에서 얼마나 떨어져 있는지를 0차원 텐서로 돌려줍니다.",
  "모두 배치에 대한 평균을 돌려주고 역전파가 있어서, 결과에 바로 backward()를 부를 수 있습니다. " ..
  "model:compile에는 같은 이름을 문자열로 씁니다.",
}
K["optim"] = {
  "옵티마이저: 기울기를 보고 파라미터를 갱신하는 규칙입니다.",
  "optim.Adam{lr = 1e-3}(중괄호)은 model:compile에 넘길 옵티마이저를 만듭니다. optim.Adam(params, " ..
  "{lr = 1e-3})은 텐서 목록에 묶인 옵티마이저를 만들어, 직접 짠 학습 루프에서 opt:zero_grad(), " ..
  "loss:backward(), opt:step() 순서로 씁니다. 옵션은 단계 사이에 바꿀 수 있습니다(opt.lr = 0.01).",
}
K["optimizer"] = {
  "optim.SGD, optim.Adam, optim.RMSprop, optim.Adagrad로 만든 옵티마이저 객체입니다.",
  "하이퍼파라미터는 필드라서 opt.lr, opt.momentum 등을 읽고 바꿀 수 있습니다.",
}
K["data"] = {
  "데이터셋과 데이터 준비: MNIST, Fashion-MNIST, 논리 게이트, 배치, 파일.",
}
K["metrics"] = {
  "분류기 평가: 정확도, 혼동 행렬, 정밀도와 재현율.",
}
K["plot"] = {
  "gnuplot으로 그리는 그래프: 함수, 데이터, 이미지, 결정 경계, 학습 곡선.",
  "디스플레이가 있으면 창에, sixel을 지원하는 터미널이면 그림으로, 그 밖에는 이 터미널에 글자로 " ..
  "그립니다. plot.terminal로 바꿀 수 있습니다.",
}
K["lesson"] = {
  "대화형 레슨: 힌트와 채점이 있는 단계별 실습입니다.",
  "레슨은 평소의 프롬프트에서 진행되므로 레슨이 만든 변수를 모두 직접 살펴볼 수 있습니다. 진행 " ..
  "상황은 다음 실행 때도 기억됩니다.",
}

---------------------------------------------------------------------------------------------
-- 도구

K["help"] = {
  "함수, 모듈, 객체, 주제 이름의 설명을 보여 줍니다.",
  "help(x)에는 값(help(tensor.zeros), help(nn), help(model))이나 이름(help(\"reshape\"), " ..
  "help(\"fit\"))을 줄 수 있고, 찾지 못한 이름에는 비슷한 이름을 제안합니다. 프롬프트에서 ?x는 " ..
  "help(x)의 줄임말입니다. help()는 전체 주제 목록을 보여 줍니다. 언어는 lunet.lang(\"en\" 또는 " ..
  "\"ko\")을 따르며, --lang 옵션이나 로캘로 정해집니다.",
  args = { "x", "설명할 대상: 함수, 모듈, 텐서, 모델, 층, 옵티마이저 또는 이름",
           "lang", "선택: 이번 호출에만 쓸 언어 \"en\" 또는 \"ko\"" },
  ret = "없음. 설명을 출력합니다",
}
K["who"] = {
  "내가 만든 전역 변수를 종류, 모양이나 값, 메모리와 함께 보여 줍니다.",
  "텐서는 모양과 바이트 수를, 모델은 층과 파라미터 수를, 테이블은 항목 수를 보여 줍니다. lunet이 " ..
  "만든 전역 변수와 Lua 표준 라이브러리는 빼고, 이름 순서로 정렬합니다.",
  ret = "없음. 표를 출력합니다",
}
K["timeit"] = {
  "함수 한 번 호출에 걸리는 시간을 잽니다.",
  "n을 주지 않으면 한 번의 실행이 잴 만큼 길어질 때까지 fn을 1, 2, 5, 10, 20, ... 번 호출해 보고, " ..
  "그 실행을 IPython의 %timeit처럼 7번 반복합니다. 전체는 길어야 1~2초 걸립니다. 호출당 평균 " ..
  "시간 ± 실행 사이의 표준편차를 출력합니다.",
  args = { "fn", "시간을 잴 함수로, 인자 없이 호출됩니다. 코드는 function() ... end로 감싸 주세요",
           "n", "선택: fn을 정확히 n번 호출합니다 (최대 7번의 실행으로 나눔)" },
  ret = "호출당 평균 시간(초)",
}
K["stats"] = {
  "지금 살아 있는 텐서의 개수와 그 텐서들이 차지하는 바이트 수를 셉니다.",
  "반복문이 메모리를 새게 하지 않는지 확인할 때 씁니다. 변수별로 보려면 who()를 쓰세요.",
  ret = "테이블 {tensors = 개수, bytes = 바이트, pool_bytes = 바이트}",
}

---------------------------------------------------------------------------------------------
-- tensor: 만들기

K["tensor.zeros"] = {
  "주어진 모양의 새 텐서를 만들고 0으로 채웁니다.",
  "다른 생성 함수와 마찬가지로 모양은 숫자 여러 개나 테이블 하나로 줄 수 있습니다.",
  args = { "d1, d2, ...", "각 차원의 크기, 또는 테이블 하나 {d1, d2, ...}" },
  ret = "새 텐서",
}
K["tensor.ones"] = {
  "주어진 모양의 새 텐서를 만들고 1로 채웁니다.",
  args = { "d1, d2, ...", "각 차원의 크기, 또는 테이블 하나 {d1, d2, ...}" },
  ret = "새 텐서",
}
K["tensor.full"] = {
  "주어진 모양의 새 텐서를 만들고 모든 원소를 value로 채웁니다.",
  args = { "d1, d2, ...", "모양. 테이블 하나 {d1, d2, ...}로 주거나 value 앞에 숫자로 줍니다",
           "value", "채울 숫자" },
  ret = "새 텐서",
}
K["tensor.eye"] = {
  "n×n 단위 행렬을 만듭니다. 대각선은 1, 나머지는 0입니다.",
  args = { "n", "행과 열의 개수" },
  ret = "새 n×n 텐서",
}
K["tensor.rand"] = {
  "[0, 1) 구간에서 균등하게 뽑은 난수로 텐서를 만듭니다.",
  "tensor.seed(n)를 쓰면 매번 같은 난수가 나옵니다.",
  args = { "d1, d2, ...", "모양. 숫자 여러 개나 테이블 하나" },
  ret = "새 텐서",
}
K["tensor.randn"] = {
  "표준 정규 분포 N(0, 1)에서 뽑은 난수로 텐서를 만듭니다.",
  "곱해서 퍼짐을 바꿀 수 있습니다. tensor.randn(n) * 0.1의 표준편차는 0.1입니다.",
  args = { "d1, d2, ...", "모양. 숫자 여러 개나 테이블 하나" },
  ret = "새 텐서",
}
K["tensor.seed"] = {
  "모든 난수를 재현할 수 있게 만듭니다.",
  "tensor.seed(n) 다음에는 같은 프로그램이 같은 숫자를 뽑습니다. tensor.rand/randn, 층의 초기 " ..
  "가중치, 데이터 섞기, 드롭아웃 마스크가 모두 해당됩니다.",
  args = { "n", "아무 정수" },
  ret = "없음",
}
K["tensor.arange"] = {
  "start부터 stop 직전까지 일정한 간격으로 숫자를 만듭니다.",
  "numpy.arange와 같습니다. 인자가 하나면 0부터 셉니다.",
  args = { "start", "첫 값 (기본값 0)", "stop", "끝 값. 포함되지 않습니다",
           "step", "간격 (기본값 1, 음수나 소수도 됩니다)" },
  ret = "새 1차원 텐서",
}
K["tensor.linspace"] = {
  "a부터 b까지 양 끝을 포함해 일정한 간격으로 숫자 n개를 만듭니다.",
  args = { "a", "첫 값", "b", "마지막 값", "n", "숫자의 개수 (기본값 50)" },
  ret = "원소가 n개인 새 1차원 텐서",
}
K["tensor.zeros_like"] = {
  "t와 같은 모양의 새 텐서를 만들어 0, 1 또는 value로 채웁니다.",
  args = { "t", "모양을 따라 할 텐서", "value", "full_like에서 채울 숫자" },
  ret = "t와 같은 모양의 새 텐서",
}

---------------------------------------------------------------------------------------------
-- tensor: 들여다보기

K["tensor:shape"] = {
  "t의 모양을 Lua 테이블로 돌려줍니다. 예: {2, 3}.",
  "프롬프트에서는 {2, 3}으로 출력됩니다. 돌려받은 테이블은 복사본이라 바꿔도 t는 그대로입니다.",
  ret = "차원마다 크기 하나씩 담긴 테이블 (0차원 텐서는 {})",
}
K["tensor:size"] = {
  "t의 한 차원의 크기를 돌려줍니다.",
  "인자 없이 부르면 t:shape()와 같습니다.",
  args = { "d", "차원 번호 (1부터, -1은 마지막 차원)" },
  ret = "숫자",
}
K["tensor:dim"] = {
  "t의 차원 수를 돌려줍니다 (숫자 하나는 0, 벡터는 1, 행렬은 2).",
  ret = "숫자",
}
K["tensor:numel"] = {
  "t의 원소 개수, 즉 각 차원 크기의 곱을 돌려줍니다.",
  ret = "숫자",
}
K["tensor:item"] = {
  "원소가 하나뿐인 텐서의 값을 Lua 숫자로 돌려줍니다.",
  "t:sum() 같은 축약 연산은 0차원 텐서를 돌려주므로, 출력하거나 if 문에 쓰려면 :item()으로 숫자로 " ..
  "바꿉니다. 원소가 여러 개인 텐서에 쓰면 오류가 납니다.",
  ret = "숫자",
}
K["tensor:totable"] = {
  "t의 값을 중첩된 Lua 테이블로 돌려줍니다 (0차원 텐서는 숫자).",
  ret = "Lua 테이블 (또는 숫자)",
}
K["tensor.indexing"] = {
  "인덱싱: t[i]는 i번째 행을 읽고, t[i] = v는 그 행에 쓰며, #t는 첫 번째 차원의 크기입니다.",
  "인덱스는 1부터 시작하고, 음수는 뒤에서부터 셉니다(t[-1]은 마지막 행). 1차원 텐서에서 t[i]는 " ..
  "숫자이고, 그 밖에는 t와 메모리를 공유하는 i번째 행의 뷰이므로 t[i][j]로 원소 하나를 읽을 수 " ..
  "있습니다. t[i] = v에는 숫자, 테이블, 텐서를 쓸 수 있습니다.",
  args = { "i", "행 번호, 1..#t 또는 -#t..-1", "v", "그 행에 맞는 숫자, 테이블 또는 텐서" },
  ret = "t[i]: 숫자(1차원) 또는 텐서 뷰",
}
K["tensor.is_tensor"] = {
  "x가 텐서인지 알려 줍니다.",
  args = { "x", "아무 값" },
  ret = "true 또는 false",
}
K["tensor:is_contiguous"] = {
  "t의 원소가 메모리에 행 우선 순서로 빈틈없이 놓여 있는지 알려 줍니다.",
  "t:T() 같은 뷰는 대개 연속적이지 않습니다. t:contiguous()로 연속적인 복사본을 만들 수 있습니다.",
  ret = "true 또는 false",
}

---------------------------------------------------------------------------------------------
-- tensor: 모양

K["tensor:reshape"] = {
  "같은 원소를 새 모양으로 바꿉니다.",
  "원소 개수는 그대로여야 하며, 크기 하나를 -1로 주면 알아서 계산합니다. numpy처럼 가능하면 t와 " ..
  "메모리를 공유하는 뷰를 돌려줍니다. t:view도 같습니다.",
  args = { "d1, d2, ...", "새 모양. 숫자 여러 개나 테이블 하나이며, 하나는 -1이어도 됩니다" },
  ret = "새 모양의 텐서",
}
K["tensor:flatten"] = {
  "t의 모든 원소를 1차원으로 펼칩니다.",
  "배치의 이미지를 하나씩 펼치려면 t:reshape(n, -1)이나 nn.Flatten() 층을 쓰세요.",
  ret = "1차원 텐서",
}
K["tensor:transpose"] = {
  "두 차원을 맞바꿉니다. 차원을 주지 않으면 행렬을 전치합니다.",
  "결과는 뷰이므로 데이터를 복사하지 않습니다. 인자 없이 부르면 3차원 이상의 텐서는 numpy의 .T처럼 " ..
  "모든 차원의 순서가 뒤집힙니다.",
  args = { "d1, d2", "맞바꿀 두 차원 (기본값: 1과 2)" },
  ret = "차원을 맞바꾼 뷰",
}
K["tensor:T"] = {
  "t의 전치입니다 (numpy의 t.T).",
  ret = "뷰",
}
K["tensor:permute"] = {
  "t의 모든 차원의 순서를 바꿉니다.",
  "결과의 k번째 차원은 t의 dk번째 차원입니다.",
  args = { "d1, d2, ...", "1..t:dim()의 순열" },
  ret = "뷰",
}
K["tensor:squeeze"] = {
  "크기가 1인 차원을 없앱니다.",
  args = { "d", "선택: 이 차원만 없앱니다 (크기가 1이어야 합니다)" },
  ret = "뷰",
}
K["tensor:unsqueeze"] = {
  "d 위치에 크기 1인 차원을 끼워 넣습니다.",
  "벡터를 행(unsqueeze(1))이나 열(unsqueeze(2))로 바꿀 때 편리합니다.",
  args = { "d", "새 차원이 들어갈 위치, 1..t:dim() + 1" },
  ret = "뷰",
}
K["tensor:narrow"] = {
  "d번째 차원에서 start부터 연속된 len개를 잘라 냅니다.",
  "d = 2라면 numpy의 t[:, start:start+len]과 같습니다. 결과는 t와 메모리를 공유합니다.",
  args = { "d", "차원", "start", "남길 첫 인덱스 (1부터)", "len", "남길 개수" },
  ret = "뷰",
}
K["tensor:select"] = {
  "d번째 차원의 i번째 항목을 고르고, 그 차원은 없앱니다.",
  "t:select(1, i)는 t[i]와 같고, t:select(2, j)는 j번째 열입니다.",
  args = { "d", "차원", "i", "그 차원의 인덱스 (1부터)" },
  ret = "차원이 하나 줄어든 뷰",
}
K["tensor:expand"] = {
  "크기가 1인 차원을 복사 없이 반복해서 더 큰 모양으로 만듭니다.",
  "브로드캐스팅이 내부에서 하는 일이 바로 이것입니다.",
  args = { "d1, d2, ...", "새 모양" },
  ret = "뷰",
}
K["tensor:clone"] = {
  "자기 메모리를 따로 가진 t의 복사본을 만듭니다.",
  "복사본을 바꿔도 t는 그대로입니다. 복사본도 자동 미분 그래프에 남아 있습니다.",
  ret = "새 텐서",
}
K["tensor:contiguous"] = {
  "t가 연속적이면 t 자신을, 아니면 연속적인 복사본을 돌려줍니다.",
  ret = "연속적인 텐서",
}
K["tensor.cat"] = {
  "이미 있는 차원을 따라 텐서들을 이어 붙입니다.",
  "d번째를 뺀 나머지 차원의 크기가 모두 같아야 합니다.",
  args = { "{a, b, ...}", "텐서 목록", "d", "이어 붙일 차원 (기본값 1)" },
  ret = "새 텐서",
}
K["tensor.stack"] = {
  "같은 모양의 텐서들을 새 차원을 따라 쌓습니다.",
  args = { "{a, b, ...}", "모양이 같은 텐서 목록", "d", "새 차원이 들어갈 위치 (기본값 1)" },
  ret = "차원이 하나 늘어난 새 텐서",
}

---------------------------------------------------------------------------------------------
-- tensor: 산술

K["tensor.operators"] = {
  "연산자 + - * / ^와 단항 -는 원소별로, 브로드캐스팅하며 계산합니다.",
  "Lua 숫자는 어느 쪽에 있든 스칼라로 쓰입니다(2 - a, a / 2). *는 행렬 곱이 아니라 원소별 곱입니다. " ..
  "행렬 곱은 a:matmul(b)입니다.",
  ret = "새 텐서",
}
K["tensor.broadcasting"] = {
  "브로드캐스팅: 모양이 다른 텐서끼리 원소별로 계산하는 numpy의 규칙입니다.",
  "모양을 마지막 차원부터 거꾸로 비교해서, 두 크기가 같거나 한쪽이 1이면 맞는 것으로 봅니다. 없는 " ..
  "차원은 1로 칩니다. 그러면 크기가 1인 차원이 상대에 맞게 반복됩니다. 그래서 [2,3] 행렬에 [3] " ..
  "벡터를 더하면 모든 행에 그 벡터가 더해지고, [2,1] 열을 더하면 모든 열에 그 열이 더해집니다. " ..
  "모양이 맞지 않으면 두 모양을 모두 알려 주는 오류가 납니다.",
}
K["tensor:add"] = {
  "원소별 t + x, t - x, t * x, t / x, t ^ x이며 브로드캐스팅됩니다.",
  "연산자와 같습니다. x에는 텐서, 숫자, 테이블을 쓸 수 있습니다.",
  args = { "x", "텐서, 숫자 또는 숫자 테이블" },
  ret = "새 텐서",
}
K["tensor:exp"] = {
  "원소별 수학 함수: e^x, ln x, √x, |x|, sin, cos, x², 부호(-1, 0, 1), -x.",
  "모두 자동 미분을 위한 도함수가 있습니다. 음수의 log는 nan이 됩니다.",
  ret = "t와 같은 모양의 새 텐서",
}
K["tensor:clamp"] = {
  "모든 원소를 [lo, hi] 범위 안으로 자릅니다.",
  args = { "lo", "아래 경계 (nil이면 없음)", "hi", "위 경계 (nil이면 없음)" },
  ret = "새 텐서",
}
K["tensor.matmul"] = {
  "numpy.dot과 같은 행렬 곱입니다.",
  "행렬끼리는 [n,k]·[k,m] → [n,m]이고, 한쪽이 벡터면 행이나 열로 쓰이며, 벡터끼리는 내적(0차원 " ..
  "텐서)입니다. 3차원 텐서는 배치마다 곱합니다. BLAS로 계산합니다.",
  args = { "a", "텐서 (1, 2, 3차원)", "b", "첫 번째 크기가 a의 마지막 크기와 같은 텐서" },
  ret = "새 텐서",
}
K["tensor.maximum"] = {
  "두 텐서에서 원소별로 더 큰 값(또는 작은 값)을 고르며, 브로드캐스팅됩니다.",
  "텐서 하나를 축약하는 t:max()와 헷갈리지 마세요.",
  args = { "a", "텐서 또는 숫자", "b", "텐서 또는 숫자" },
  ret = "새 텐서",
}

K["tensor:sigmoid"] = {
  "로지스틱 함수 1 / (1 + e^-x)를 원소별로 계산해, 어떤 수든 (0, 1) 사이로 눌러 줍니다.",
  "도함수는 s(1 - s)입니다. 예/아니오 확률을 내는 출력에 씁니다.",
  ret = "새 텐서",
}
K["tensor:tanh"] = {
  "쌍곡탄젠트를 원소별로 계산해, 어떤 수든 (-1, 1) 사이로 눌러 줍니다.",
  ret = "새 텐서",
}
K["tensor:relu"] = {
  "정류 함수 max(0, x)를 원소별로 계산합니다.",
  "은닉층의 기본 활성화 함수입니다. 계산이 싸고, x > 0에서는 기울기가 사라지지 않습니다.",
  ret = "새 텐서",
}
K["tensor:step"] = {
  "퍼셉트론의 계단 함수: x > 0이면 1, 아니면 0입니다.",
  "기울기가 어디서나 0이라 경사 하강법으로 학습할 수 없습니다. 그래서 시그모이드가 이 자리를 " ..
  "대신하게 되었습니다.",
  ret = "0과 1로 된 새 텐서",
}
K["tensor:leaky_relu"] = {
  "x > 0이면 x, 아니면 alpha·x: x < 0에서도 기울기가 조금 흐르게 한 ReLU입니다.",
  args = { "alpha", "x < 0에서의 기울기 (기본값 0.2, Keras의 leaky_relu 함수와 같음)" },
  ret = "새 텐서",
}
K["tensor:softmax"] = {
  "점수를 d번째 차원을 따라 합이 1인 확률로 바꿉니다.",
  "softmax(x)_i = e^x_i / Σ e^x_j이며 수치적으로 안정하게 계산합니다. 배치 [N, 클래스 수]라면 기본값인 " ..
  "마지막 차원을 따라 행마다 확률 분포가 하나씩 나옵니다.",
  args = { "d", "차원 (기본값: 마지막 차원)" },
  ret = "t와 같은 모양의 새 텐서",
}
K["tensor:log_softmax"] = {
  "log(softmax(x))를 수치적으로 안정하게 계산합니다.",
  args = { "d", "차원 (기본값: 마지막 차원)" },
  ret = "새 텐서",
}
K["tensor:dropout"] = {
  "각 원소를 확률 p로 0으로 만들고, 나머지는 1/(1-p)배 합니다.",
  "Keras와 같은 역 드롭아웃(inverted dropout)이라 기댓값이 그대로입니다. 층에서는 학습할 때만 " ..
  "켜지는 nn.Dropout을 씁니다.",
  args = { "p", "0으로 만들 확률, 0 <= p < 1" },
  ret = "새 텐서",
}

K["tensor:gt"] = {
  "원소별 비교 >, >=, <, <=, ==, ~=: 참이면 1, 거짓이면 0입니다.",
  "브로드캐스팅되며, 결과가 0과 1로 된 텐서라서 :sum()으로 맞는 개수를 셀 수 있습니다.",
  args = { "x", "텐서 또는 숫자" },
  ret = "0과 1로 된 새 텐서",
}
K["tensor:masked"] = {
  "mask가 0이 아닌 자리의 원소만 골라 1차원 텐서로 돌려줍니다 (numpy의 t[t > 3]).",
  args = { "mask", "t와 같은 모양의 텐서. 보통 비교 연산의 결과입니다" },
  ret = "새 1차원 텐서",
}
K["tensor.where"] = {
  "원소별로 고릅니다: mask가 0이 아니면 a, 아니면 b입니다.",
  args = { "mask", "0과 1로 된 텐서", "a", "텐서 또는 숫자", "b", "텐서 또는 숫자" },
  ret = "새 텐서 (모양은 브로드캐스팅됨)",
}
K["tensor:fill"] = {
  "t의 모든 원소를 그 자리에서 v로 바꿉니다.",
  args = { "v", "숫자" },
  ret = "t 자신",
}
K["tensor:copy"] = {
  "src의 값을 그 자리에서 t에 복사합니다 (모양은 브로드캐스팅됨).",
  args = { "src", "텐서, 테이블 또는 숫자" },
  ret = "t 자신",
}

---------------------------------------------------------------------------------------------
-- tensor: 축약

K["tensor:sum"] = {
  "원소의 합을 구합니다. 전체 합이나 d번째 차원을 따라 구한 합입니다.",
  "d가 없으면 결과는 0차원 텐서이므로 숫자가 필요하면 :item()을 씁니다. d를 주면 그 차원이 " ..
  "사라지는데, keepdim이 true면 크기 1로 남겨 둡니다(다시 브로드캐스팅할 때 편리합니다).",
  args = { "d", "선택: 더할 차원", "keepdim", "선택: true면 d번째 차원을 크기 1로 남깁니다" },
  ret = "텐서",
}
K["tensor:mean"] = {
  "원소의 평균을 구합니다. 전체 평균이나 d번째 차원을 따라 구한 평균입니다.",
  args = { "d", "선택: 차원", "keepdim", "선택: true면 d번째 차원을 크기 1로 남깁니다" },
  ret = "텐서",
}
K["tensor:max"] = {
  "가장 큰(또는 작은) 원소를 구합니다. 전체에서 또는 d번째 차원을 따라 구합니다.",
  args = { "d", "선택: 차원", "keepdim", "선택: true면 d번째 차원을 크기 1로 남깁니다" },
  ret = "텐서",
}
K["tensor:std"] = {
  "원소의 표준편차(또는 분산)를 구합니다. 전체에서 또는 d번째 차원을 따라 구합니다.",
  "numpy의 기본값처럼 n으로 나누는 모집단 공식을 씁니다.",
  args = { "d", "선택: 차원", "keepdim", "선택: true면 d번째 차원을 크기 1로 남깁니다" },
  ret = "텐서",
}
K["tensor:argmax"] = {
  "가장 큰(또는 작은) 원소의 위치를 1부터 세어 돌려줍니다. 전체에서 또는 d번째 차원을 따라 구합니다.",
  "클래스 확률 배치 [N, 클래스 수]에서 probs:argmax(2)는 행마다 클래스를 1..클래스 수로 줍니다. " ..
  "0부터 시작하는 레이블과 비교하려면 1을 빼세요.",
  args = { "d", "선택: 차원", "keepdim", "선택: true면 d번째 차원을 크기 1로 남깁니다" },
  ret = "인덱스 텐서 (1부터)",
}

---------------------------------------------------------------------------------------------
-- tensor: 자동 미분

K["tensor:requires_grad"] = {
  "backward()가 기울기를 계산할 잎(leaf) 텐서로 t를 표시합니다.",
  "이제부터 t로 하는 모든 연산이 그래프에 기록됩니다. t:requires_grad(false)로 표시를 지웁니다.",
  args = { "flag", "선택: true(기본값) 또는 false" },
  ret = "t 자신. 그래서 tensor.randn(3):requires_grad()처럼 한 줄로 쓸 수 있습니다",
}
K["tensor.grad"] = {
  "backward()가 t에 쌓은 기울기: t와 같은 모양의 텐서이며, backward 전에는 nil입니다.",
  "backward()는 기울기를 더하므로(+=), 단계마다 t:zero_grad()나 opt:zero_grad()로 지워야 합니다. " ..
  "t.grad = nil처럼 직접 바꿀 수도 있습니다.",
}
K["tensor:backward"] = {
  "y가 의존하는, 표시된 모든 텐서에 대한 y의 기울기를 계산합니다.",
  "y에서 잎까지 그래프를 거꾸로 따라가며(연쇄 법칙) x.grad에 dy/dx를 더합니다. retain_graph가 " ..
  "true가 아니면 끝난 뒤 그래프를 해제합니다.",
  args = { "grad", "선택: y로 흘러 들어오는 기울기 (y의 원소가 여러 개일 때 필요)",
           "retain_graph", "선택: 두 번째 backward를 위해 그래프를 남깁니다" },
  ret = "없음",
}
K["tensor:zero_grad"] = {
  "t.grad를 0으로 채워 다음 backward가 처음부터 시작하게 합니다.",
  ret = "t 자신",
}
K["tensor:detach"] = {
  "값은 같지만 자동 미분 그래프에서 떨어져 나온 텐서를 돌려줍니다.",
  "결과를 통해서는 기울기가 흐르지 않습니다. t와 메모리를 공유합니다.",
  ret = "기울기가 필요 없는 텐서",
}
K["tensor.no_grad"] = {
  "자동 미분 그래프를 만들지 않고 fn을 실행합니다.",
  "평가나 가중치를 직접 갱신할 때 씁니다. 더 빠르고 그래프에 메모리를 쓰지 않습니다. 오류가 나도 " ..
  "끝나면 이전 모드로 돌아갑니다.",
  args = { "fn", "실행할 함수", "...", "fn에 넘길 인자" },
  ret = "fn이 돌려주는 값",
}
K["tensor:needs_grad"] = {
  "t가 requires_grad로 표시되었거나 표시된 텐서로부터 계산되었는지 알려 줍니다.",
  ret = "true 또는 false",
}
K["tensor:is_leaf"] = {
  "t가 그래프의 잎인지, 즉 기록된 연산으로 계산된 것이 아니라 직접 만든 텐서인지 알려 줍니다.",
  ret = "true 또는 false",
}
K["tensor:grad_fn"] = {
  "t를 계산한 연산의 이름을 돌려줍니다. 잎이면 nil입니다.",
  ret = "\"matmul\" 같은 문자열, 또는 nil",
}
K["tensor.set_grad_enabled"] = {
  "이후의 모든 연산에 대해 그래프 만들기를 켜거나 끕니다.",
  args = { "flag", "true 또는 false" },
  ret = "이전 설정. 나중에 되돌릴 때 씁니다",
}
K["tensor.is_grad_enabled"] = {
  "지금 연산들이 자동 미분 그래프를 만드는지 알려 줍니다.",
  ret = "true 또는 false",
}

K["autograd.numgrad"] = {
  "자동 미분 없이 중심 차분으로 스칼라 함수의 기울기를 구합니다.",
  "x의 원소마다 df/dx_k ≈ (f(x + h·e_k) - f(x - h·e_k)) / 2h를 계산합니다. 느리지만 단순해서, " ..
  "자동 미분의 답을 검사하는 기준으로 씁니다.",
  args = { "f", "x를 받아 숫자나 원소 하나짜리 텐서를 돌려주는 함수", "x", "텐서",
           "eps", "선택: 간격 h (기본값 1e-2)" },
  ret = "x와 같은 모양의 텐서",
}
K["autograd.gradcheck"] = {
  "여러 텐서를 받는 함수에 대해 backward()의 결과를 유한 차분과 비교합니다.",
  args = { "f", "입력들을 받아 텐서를 돌려주는 함수", "{inputs...}", "텐서 목록",
           "tol", "선택: 허용하는 상대 오차 (기본값 1e-2)" },
  ret = "통과 여부(true 또는 false)와 가장 큰 오차",
}
K["autograd.graph"] = {
  "y의 계산 그래프를 들여쓴 나무 모양으로 출력합니다.",
  "각 줄은 텐서를 만든 연산과 그 모양이고, 그 입력들이 한 칸씩 들여써서 아래에 나옵니다. 잎은 leaf, " ..
  "상수는 const로 표시됩니다.",
  args = { "y", "표시된 텐서로부터 계산된 텐서" },
  ret = "없음",
}
K["autograd.format_graph"] = {
  "autograd.graph가 출력하는 내용을 문자열로 돌려줍니다.",
  args = { "y", "텐서" },
  ret = "문자열",
}
K["autograd.dot"] = {
  "y의 그래프를 micrograd의 draw_dot처럼 Graphviz dot 형식으로 만듭니다.",
  args = { "y", "텐서", "path", "선택: 저장할 파일" },
  ret = "dot 텍스트",
}
K["autograd.detect_anomaly"] = {
  "처음 nan이나 inf가 나온 곳에서 멈추고 그 연산 이름을 알려 주는 검사를 켜거나 끕니다.",
  "느려지므로 학습이 어디서 잘못되는지 찾을 때만 씁니다.",
  args = { "flag", "선택: true 또는 false. 없으면 설정을 읽기만 합니다" },
  ret = "이전 설정",
}

---------------------------------------------------------------------------------------------
-- nn: 층

K["nn.Dense"] = {
  "완전 연결 층입니다: y = activation(x·W + b).",
  "W는 [입력 수, units], b는 [units]입니다. 입력 크기는 층이 처음 보는 배치나 input_shape에서 " ..
  "정해집니다. Keras처럼 가중치는 Glorot 균등 분포로, 편향은 0으로 시작합니다.",
  args = { "units", "출력(뉴런)의 개수",
           "activation", "선택: \"relu\", \"sigmoid\", \"softmax\" 등 (help(\"activations\") 참고). 기본값은 linear",
           "opts", "선택 테이블: input_shape, use_bias, kernel_initializer, bias_initializer, name" },
  ret = "층",
}
K["nn.Linear"] = {
  "Torch의 nn.Linear처럼 크기를 직접 정하는 완전 연결 층입니다: y = x·W + b.",
  args = { "in", "입력의 개수", "out", "출력의 개수", "bias", "선택: false면 편향이 없습니다" },
  ret = "층",
}
K["nn.Flatten"] = {
  "배치의 샘플을 하나씩 펼칩니다. [N, 28, 28]은 [N, 784]가 됩니다.",
  ret = "층",
}
K["nn.Activation"] = {
  "이름으로 고른 활성화 함수를 적용하는 층입니다.",
  args = { "name", "\"relu\", \"sigmoid\", \"tanh\", \"softmax\", \"step\", \"leaky_relu\", \"linear\" 중 하나" },
  ret = "층",
}
K["nn.ReLU"] = { "max(0, x)를 적용하는 층입니다.", ret = "층" }
K["nn.Sigmoid"] = { "로지스틱 시그모이드 1 / (1 + e^-x)를 적용하는 층입니다.", ret = "층" }
K["nn.Tanh"] = { "tanh를 적용하는 층입니다.", ret = "층" }
K["nn.Softmax"] = {
  "점수의 각 행을 확률로 바꾸는 층입니다 (마지막 차원에 대한 소프트맥스).",
  ret = "층",
}
K["nn.Step"] = {
  "퍼셉트론의 계단 함수(x > 0이면 1, 아니면 0)를 적용하는 층입니다.",
  "기울기가 0이라서 이 층이 있는 모델은 역전파로 학습할 수 없습니다.",
  ret = "층",
}
K["nn.LeakyReLU"] = {
  "x > 0이면 x, 아니면 alpha·x를 적용하는 층입니다.",
  args = { "alpha", "선택: x < 0에서의 기울기 (기본값 0.3, Keras의 LeakyReLU 층과 같음)" },
  ret = "층",
}
K["nn.Dropout"] = {
  "학습하는 동안 각 입력을 확률 p로 0으로 만들고 나머지는 1/(1-p)배 합니다.",
  "과대적합을 막는 규제 방법입니다. 평가할 때(model:eval(), evaluate, predict)는 입력을 그대로 " ..
  "내보냅니다.",
  args = { "p", "버리는 비율, 0 <= p < 1 (예: 0.2)" },
  ret = "층",
}
K["nn.Conv2D"] = {
  "Keras처럼 채널이 마지막인 [N, H, W, C] 이미지에 2차원 합성곱을 합니다.",
  args = { "filters", "출력 채널의 개수", "kernel", "커널 크기: 숫자 하나 또는 {h, w}",
           "opts", "선택 테이블: activation, padding = \"valid\" | \"same\", stride, input_shape" },
  ret = "층",
}
K["nn.MaxPool2D"] = {
  "[N, H, W, C] 이미지의 size×size 창마다 가장 큰 값만 남깁니다.",
  args = { "size", "창의 크기 (보폭도 같음)" },
  ret = "층",
}
K["nn.BatchNorm"] = {
  "각 특성을 배치에 대해 정규화한 뒤, 학습되는 파라미터로 크기를 조절하고 이동합니다.",
  "학습할 때는 배치의 통계를 쓰면서 이동 평균을 쌓고, 평가할 때는 그 이동 평균을 씁니다.",
  ret = "층",
}
K["nn.SimpleRNN"] = {
  "시퀀스 [N, T, F]에 적용하는 단순 순환 층입니다: h_t = tanh(x_t·W + h_{t-1}·U + b).",
  args = { "units", "은닉 상태의 크기",
           "opts", "선택 테이블: return_sequences (true면 모든 시점의 출력을 돌려줌), input_shape" },
  ret = "층",
}
K["nn.LSTM"] = {
  "시퀀스 [N, T, F]에 적용하는 LSTM(장단기 메모리) 층입니다.",
  args = { "units", "은닉 상태의 크기",
           "opts", "선택 테이블: return_sequences (true면 모든 시점의 출력을 돌려줌), input_shape" },
  ret = "층",
}
K["nn.GRU"] = {
  "시퀀스 [N, T, F]에 적용하는 GRU(게이트 순환 유닛) 층입니다.",
  args = { "units", "은닉 상태의 크기",
           "opts", "선택 테이블: return_sequences (true면 모든 시점의 출력을 돌려줌), input_shape" },
  ret = "층",
}
K["nn.activations"] = {
  "층과 nn.Activation에 쓸 수 있는 활성화 함수 이름들입니다.",
  "\"linear\"(없음), \"step\"(퍼셉트론), \"sigmoid\"(예/아니오 확률), \"tanh\", \"relu\"(은닉층), " ..
  "\"leaky_relu\", \"softmax\"(클래스 확률). plot.activation(name)으로 각 함수와 도함수를 그려 볼 수 " ..
  "있습니다.",
}

---------------------------------------------------------------------------------------------
-- nn: 모델

K["nn.Sequential"] = {
  "Keras의 Sequential처럼 층을 하나씩 차례로 적용하는 모델을 만듭니다.",
  "input_shape(배치 차원은 빼고)을 주면 모든 층이 바로 만들어져 model:summary()에 크기가 모두 " ..
  "나옵니다. 주지 않으면 첫 배치를 볼 때 만들어집니다.",
  args = { "{layer, ...}", "차례대로 적용할 층들 (비워 두고 model:add로 넣어도 됩니다)",
           "opts", "선택 테이블: input_shape = {28, 28}, name = \"...\"" },
  ret = "모델",
}
K["model:add"] = {
  "모델 끝에 층을 하나 붙입니다.",
  args = { "layer", "nn.Dense(10) 같은 층" },
  ret = "모델",
}
K["model:summary"] = {
  "Keras처럼 층마다 출력 모양과 파라미터 수를 표로 출력합니다.",
  "파라미터 수는 강의처럼 784*128 + 128 = 100480 식으로 풀어 쓰고, 마지막에 합계를 보여 줍니다. " ..
  "784→128→64→10 모델의 파라미터는 109,386개입니다.",
  ret = "전체 파라미터 수 (그리고 출력한 텍스트)",
}
K["model:count_params"] = {
  "모델의 전체 파라미터(가중치와 편향) 수를 돌려줍니다.",
  ret = "숫자",
}
K["model:build"] = {
  "데이터를 넣지 않고, 주어진 모양의 샘플에 맞게 모든 층을 만듭니다.",
  args = { "input_shape", "샘플 하나의 모양. 예: {784} 또는 {28, 28}" },
  ret = "모델",
}
K["model:compile"] = {
  "fit과 evaluate에 쓸 옵티마이저, 손실 함수, 평가 지표를 정합니다.",
  args = { "optimizer", "\"adam\", \"sgd\", \"rmsprop\", \"adagrad\" 또는 optim.Adam{lr = 1e-3} 같은 옵티마이저",
           "loss", "\"mse\", \"binary_crossentropy\", \"categorical_crossentropy\", \"sparse_categorical_crossentropy\" 중 하나",
           "metrics", "선택: {\"accuracy\"}" },
  ret = "없음",
}
K["model:fit"] = {
  "Keras의 fit처럼 x, y로 모델을 여러 에포크 동안 학습시킵니다.",
  "에포크마다 데이터를 섞어 배치 단위로 순전파, 손실 계산, 역전파, 옵티마이저 갱신을 합니다. " ..
  "verbose = 1이면 진행 막대와 함께 에포크마다 손실과 지표를 한 줄씩 출력합니다. Ctrl-C를 누르면 " ..
  "지금 배치가 끝날 때 멈추고 그때까지의 기록을 돌려주며, 모델은 그대로 쓸 수 있습니다.",
  args = { "x", "입력. 행마다 샘플 하나", "y", "정답 (손실 함수에 맞게 레이블 또는 원-핫 행)",
           "epochs", "데이터를 몇 번 돌지 (기본값 1)", "batch_size", "한 단계의 샘플 수 (기본값 32)",
           "validation_split", "검증용으로 떼어 둘 x, y의 비율",
           "validation_data", "검증에 쓸 {x_val, y_val}",
           "shuffle", "에포크마다 섞을지 (기본값 true)",
           "verbose", "0은 조용히, 1은 진행 막대 (기본값), 2는 에포크마다 한 줄",
           "plot", "true면 손실과 정확도 곡선을 실시간으로 그립니다",
           "callback", "에포크가 끝날 때마다 호출되는 function(epoch, logs). false를 돌려주면 학습을 멈춥니다",
           "patience", "조기 종료: 이만큼의 에포크 동안 나아지지 않으면 멈춥니다",
           "monitor", "조기 종료가 지켜볼 값: \"val_loss\", \"val_accuracy\", \"loss\", \"accuracy\" (기본값: 검증 데이터가 있으면 val_loss, 없으면 loss)",
           "min_delta", "나아졌다고 볼 가장 작은 변화 (기본값 0)",
           "restore_best_weights", "조기 종료 뒤 가장 좋았던 에포크의 가중치로 되돌립니다 (기본값 true)",
           "initial_epoch", "이어서 학습할 때 세기 시작할 에포크 (기본값 0)" },
  ret = "history: history.loss, history.accuracy, history.val_loss, history.val_accuracy에 에포크마다 값이 하나씩",
}
K["model:evaluate"] = {
  "평가 모드에서 x, y에 대한 모델의 손실(compile에 넣었다면 정확도도)을 구합니다.",
  args = { "x", "입력", "y", "정답" },
  ret = "손실, 정확도",
}
K["model:predict"] = {
  "x에 대한 모델의 출력을 평가 모드에서, 그래프 없이 배치 단위로 계산합니다.",
  args = { "x", "입력. 행마다 샘플 하나" },
  ret = "샘플마다 한 행씩인 출력 텐서",
}
K["model:save"] = {
  "모델(층, 가중치, compile 설정)을 파일에 씁니다.",
  "lunet 고유의 바이너리 형식이며, 읽을 때 코드를 실행하는 일은 없습니다. nn.save(model, path)도 " ..
  "같습니다.",
  args = { "path", "파일 이름" },
  ret = "없음",
}
K["nn.load"] = {
  "model:save로 저장한 모델을 읽습니다.",
  "파일의 모든 필드를 확인하므로, 손상된 파일은 무엇이 잘못됐는지 알려 주는 오류를 냅니다.",
  args = { "path", "파일 이름" },
  ret = "모델",
}
K["model:forward"] = {
  "모델을 배치에 적용합니다. model(x)와 같습니다.",
  "파라미터가 기울기를 필요로 하면 그래프를 기록하므로, 결과로 구한 손실에서 backward()를 부르면 " ..
  "파라미터까지 기울기가 전해집니다.",
  args = { "x", "입력 배치" },
  ret = "출력 텐서",
}
K["model:parameters"] = {
  "모델의 학습되는 텐서를 층 순서대로 모두 돌려줍니다 (가중치, 편향, ...).",
  ret = "텐서의 Lua 목록",
}
K["model:train"] = {
  "모델을 학습 모드(train)나 평가 모드(eval)로 바꿉니다.",
  "Dropout과 BatchNorm에 영향을 줍니다. fit은 학습 모드로, evaluate와 predict는 평가 모드로 " ..
  "바꿉니다. 지금 모드는 model.training으로 알 수 있습니다.",
  ret = "모델",
}
K["model:zero_grad"] = {
  "모델의 모든 파라미터의 기울기를 지웁니다.",
  ret = "모델",
}

K["layer:forward"] = {
  "층을 배치에 적용합니다. layer(x)와 같습니다.",
  args = { "x", "입력 배치" },
  ret = "텐서",
}
K["layer:parameters"] = {
  "층의 학습되는 텐서들을 돌려줍니다 (Dense라면 가중치, 그다음 편향).",
  ret = "텐서의 Lua 목록 (파라미터가 없는 층은 빈 목록)",
}
K["layer:train"] = {
  "층을 학습 모드(train)나 평가 모드(eval)로 바꿉니다.",
  ret = "층",
}
K["layer:zero_grad"] = {
  "층의 파라미터의 기울기를 지웁니다.",
  ret = "층",
}
K["layer:build"] = {
  "주어진 모양의 샘플에 맞게 층을 만듭니다.",
  args = { "input_shape", "샘플 하나의 모양. 예: {784}" },
  ret = "층",
}
K["layer:count_params"] = {
  "층의 파라미터 수를 돌려줍니다 (만들어지기 전에는 0).",
  ret = "숫자",
}
K["layer:info"] = {
  "model:summary가 층에 대해 아는 내용을 테이블로 돌려줍니다.",
  ret = "테이블: name, type, description, built, input_shape, output_shape, params, formula",
}

---------------------------------------------------------------------------------------------
-- nn.losses

K["nn.losses.mse"] = {
  "평균 제곱 오차: (pred - target)²의 평균입니다.",
  "회귀에 씁니다. nn.losses.mean_squared_error도 같은 함수입니다.",
  args = { "pred", "예측값", "target", "같은 모양의 정답" },
  ret = "0차원 텐서",
}
K["nn.losses.binary_crossentropy"] = {
  "예/아니오 출력을 위한 교차 엔트로피: -(y·log p + (1-y)·log(1-p))의 평균입니다.",
  "샘플마다 시그모이드 출력이 하나일 때 씁니다. 확률은 0과 1에서 조금 떨어지도록 잘라서 씁니다.",
  args = { "pred", "(0, 1) 사이의 확률", "target", "같은 모양의 0과 1",
           "from_logits", "선택: pred가 확률이 아니라 날 점수(로짓)이면 true" },
  ret = "0차원 텐서",
}
K["nn.losses.categorical_crossentropy"] = {
  "원-핫 정답을 위한 교차 엔트로피: 행마다 -Σ y·log p를 구해 평균합니다.",
  "소프트맥스 출력에 씁니다. 정답은 원-핫 행입니다(data.one_hot).",
  args = { "pred", "확률 [N, 클래스 수]", "target", "원-핫 행 [N, 클래스 수]",
           "from_logits", "선택: pred가 날 점수이면 true (안에서 소프트맥스를 적용합니다)" },
  ret = "0차원 텐서",
}
K["nn.losses.sparse_categorical_crossentropy"] = {
  "클래스 번호 정답을 위한 교차 엔트로피: -log p[정답 클래스]의 평균입니다.",
  "categorical_crossentropy와 같지만, 데이터셋이 주는 그대로 레이블을 0..클래스 수-1의 숫자로 " ..
  "받습니다.",
  args = { "pred", "확률 [N, 클래스 수]", "target", "클래스 번호 [N], 0부터",
           "from_logits", "선택: pred가 날 점수이면 true" },
  ret = "0차원 텐서",
}
K["nn.losses.get"] = {
  "이름에 해당하는 손실 함수를 돌려줍니다 (함수를 주면 그대로 돌려줍니다).",
  args = { "name", "\"mse\", \"binary_crossentropy\" 등의 이름 또는 함수" },
  ret = "function(pred, target)",
}

---------------------------------------------------------------------------------------------
-- optim

K["optim.SGD"] = {
  "확률적 경사 하강법: w ← w - lr·grad이며, 모멘텀을 더할 수 있습니다.",
  "중괄호로 부르면 model:compile에 넘길 옵티마이저를, 파라미터 목록과 함께 부르면 그 파라미터에 " ..
  "묶인, 직접 짠 루프용 옵티마이저를 만듭니다.",
  args = { "lr", "학습률 (기본값 0.01)", "momentum", "기본값 0",
           "nesterov", "네스테로프 모멘텀 (기본값 false)", "weight_decay", "L2 벌점 (기본값 0)",
           "params", "선택: 갱신할 텐서 (목록, 모델 또는 층)" },
  ret = "옵티마이저",
}
K["optim.Adam"] = {
  "Adam: 기울기와 그 제곱의 이동 평균으로 파라미터마다 보폭을 정하는 경사 하강법입니다.",
  "대부분의 모델에서 무난한 기본 선택입니다.",
  args = { "lr", "학습률 (기본값 1e-3)", "beta1", "기본값 0.9", "beta2", "기본값 0.999",
           "eps", "기본값 1e-7", "weight_decay", "기본값 0",
           "params", "선택: 갱신할 텐서 (목록, 모델 또는 층)" },
  ret = "옵티마이저",
}
K["optim.RMSprop"] = {
  "RMSprop: 기울기 크기의 이동 평균으로 보폭을 나눕니다.",
  args = { "lr", "기본값 1e-3", "rho", "평균을 내는 비율 (기본값 0.9)", "momentum", "기본값 0",
           "eps", "기본값 1e-7", "params", "선택: 갱신할 텐서" },
  ret = "옵티마이저",
}
K["optim.Adagrad"] = {
  "Adagrad: 기울기가 컸던 파라미터일수록 보폭이 줄어듭니다.",
  args = { "lr", "기본값 1e-3", "initial_accumulator_value", "기본값 0.1", "eps", "기본값 1e-7",
           "params", "선택: 갱신할 텐서" },
  ret = "옵티마이저",
}
K["optim.get"] = {
  "이름으로 Keras 기본값의 옵티마이저를 만들거나, 받은 옵티마이저를 그대로 돌려줍니다.",
  args = { "name_or_optimizer", "\"sgd\", \"adam\", \"rmsprop\", \"adagrad\" 또는 옵티마이저" },
  ret = "옵티마이저",
}
K["optimizer:step"] = {
  "묶인 파라미터를 각자의 기울기로 한 번 갱신합니다.",
  "loss:backward() 다음에 부릅니다. 기울기가 없는 파라미터는 건드리지 않습니다.",
  ret = "없음",
}
K["optimizer:zero_grad"] = {
  "다음 backward 전에 묶인 파라미터의 기울기를 지웁니다 (nil로 만듭니다).",
  ret = "없음",
}
K["optimizer:bind"] = {
  "중괄호로 만든 옵티마이저를 갱신할 텐서들에 묶습니다.",
  args = { "params", "텐서 목록, 모델 또는 층" },
  ret = "옵티마이저",
}
K["optimizer:parameters"] = {
  "옵티마이저가 갱신하는 텐서들을 돌려줍니다.",
  ret = "텐서의 Lua 목록",
}
K["optimizer:state"] = {
  "옵티마이저의 내부 상태(단계 수, 모멘트 추정값)를 저장하고 되돌릴 수 있게 돌려줍니다.",
  args = { "state", "set_state에 넘길, state()가 돌려준 테이블" },
  ret = "state(): 테이블",
}

---------------------------------------------------------------------------------------------
-- data

K["data.mnist"] = {
  "MNIST 손글씨 숫자: 이미지 [N, 28, 28]은 픽셀 값 0..255, 레이블은 0..9입니다.",
  "진짜 MNIST 파일이 설치되어 있으면($LUNET_DATA 또는 ~/.local/share/lunet/mnist) 그것을 쓰고, " ..
  "없으면 실제 숫자 10,000개의 표본을 8,000 / 2,000으로 나눠 씁니다. 어느 쪽을 읽었는지 알려 줍니다.",
  args = { "dir", "선택: IDX 파일 네 개가 있는 디렉터리" },
  ret = "x_train, y_train, x_test, y_test",
}
K["data.fashion_mnist"] = {
  "Fashion-MNIST: 옷 사진 70,000장 [N, 28, 28], 픽셀 값 0..255, 레이블 0..9입니다.",
  "Keras의 fashion_mnist.load_data()처럼 학습용 60,000장, 테스트용 10,000장입니다. 클래스 이름은 " ..
  "data.fashion_mnist_labels에 있습니다.",
  args = { "dir", "선택: IDX 파일 네 개가 있는 디렉터리" },
  ret = "x_train, y_train, x_test, y_test",
}
K["data.fashion_mnist_labels"] = {
  "Fashion-MNIST 열 개 클래스의 이름을 레이블 순서대로 담은 목록입니다 (레이블 0이 1번 항목).",
  "data.fashion_mnist_labels_ko에는 한국어 이름이, data.mnist_labels에는 숫자가 들어 있습니다.",
}
K["data.gates"] = {
  "퍼셉트론과 XOR 실습에 쓰는 논리 게이트의 진리표입니다.",
  "data.gates.AND, OR, NAND, NOR, XOR, XNOR는 각각 {x = 입력 00, 01, 10, 11의 [4,2] 텐서, " ..
  "y = 출력의 [4,1] 텐서}입니다.",
}
K["data.one_hot"] = {
  "Keras의 to_categorical처럼 클래스 번호를 원-핫 행으로 바꿉니다.",
  args = { "y", "클래스 번호 (0부터)", "n", "선택: 클래스 수 (기본값: 가장 큰 번호 + 1)" },
  ret = "0과 1로 된 [N, n] 텐서",
}
K["data.split"] = {
  "데이터를 행 단위로 둘로 나눕니다. 앞부분이 1 - fraction, 뒷부분이 fraction만큼입니다.",
  "주로 검증 세트를 떼어 낼 때 씁니다. shuffle이 없으면 순서를 지키므로 뒷부분은 데이터의 끝입니다.",
  args = { "x", "입력", "y", "선택: 같은 방식으로 나눌 정답",
           "fraction", "뒷부분의 비율. 예: 0.2",
           "shuffle", "선택: true면 먼저 행을 섞습니다" },
  ret = "x_a, y_a, x_b, y_b (y가 없으면 x_a, x_b)",
}
K["data.batches"] = {
  "직접 짠 학습 루프를 위해 미니배치를 하나씩 내주는 반복자입니다.",
  "마지막 배치는 더 작을 수 있습니다.",
  args = { "x", "입력", "y", "정답 (또는 nil)", "size", "배치 하나의 행 수",
           "shuffle", "선택: true면 매번 새로 섞은 순서" },
  ret = "xb, yb를 내주는 반복자",
}
K["data.load_idx"] = {
  "IDX 파일(MNIST 형식)을 gzip 압축 여부와 상관없이 텐서로 읽습니다.",
  args = { "path", "파일" },
  ret = "텐서: 이미지는 0..255의 숫자, 레이블은 클래스 번호",
}
K["data.save_idx"] = {
  "텐서를 IDX 파일로 씁니다 (이름이 .gz로 끝나면 gzip으로 압축).",
  args = { "path", "파일", "t", "텐서", "type", "선택: \"ubyte\", \"float\" 등 (기본값은 값을 보고 정함)",
           "gzip", "선택: true 또는 false" },
  ret = "없음",
}
K["data.csv"] = {
  "숫자로 된 CSV 파일을 [행, 열] 텐서로 읽습니다.",
  args = { "path", "파일",
           "opts", "선택 테이블: header = true | false | \"auto\", delimiter = \",\", columns = {...}, missing = 값" },
  ret = "텐서와 열 이름 (머리글이 없으면 nil)",
}

---------------------------------------------------------------------------------------------
-- metrics

K["metrics.accuracy"] = {
  "예측이 맞은 비율을 구합니다.",
  "pred는 클래스 확률 [N, 클래스 수](가장 큰 값이 예측), 샘플마다 확률 하나(0.5보다 크면 1), 또는 " ..
  "클래스 번호일 수 있습니다. y는 클래스 번호나 원-핫 행입니다.",
  args = { "pred", "예측", "y", "정답 레이블" },
  ret = "0과 1 사이의 숫자",
}
K["metrics.confusion_matrix"] = {
  "각 실제 클래스가 어느 클래스로 예측되었는지 횟수를 셉니다.",
  "i번째 행은 실제 클래스 i-1, j번째 열은 예측 클래스 j-1입니다. 예측은 클래스 번호나 확률 행일 " ..
  "수 있습니다.",
  args = { "y_true", "실제 클래스 번호", "y_pred", "예측한 클래스 또는 확률",
           "n", "선택: 클래스 수" },
  ret = "횟수로 된 [n, n] 텐서",
}
K["metrics.print_confusion"] = {
  "혼동 행렬을 이름표가 붙은 표로 출력하고, 이어서 클래스마다 정밀도, 재현율, F1을 보여 줍니다.",
  args = { "m", "혼동 행렬", "labels", "선택: 클래스 이름" },
  ret = "없음",
}
K["metrics.precision_recall"] = {
  "혼동 행렬에서 클래스마다 정밀도, 재현율, F1, 샘플 수(support)를 구합니다.",
  args = { "m", "혼동 행렬" },
  ret = "클래스 순서의 Lua 목록 네 개 (1번이 클래스 0)",
}

---------------------------------------------------------------------------------------------
-- plot

K["plot.fn"] = {
  "함수 하나, 또는 여러 함수의 그래프를 한 그림에 그립니다.",
  "f는 숫자를 받는 Lua 함수여도 되고, 텐서를 받아 텐서를 돌려주는 함수여도 됩니다.",
  args = { "f", "함수 또는 함수 목록",
           "opts", "선택: from = -5, to = 5, n = 200(점 개수), label(s), title 등 (help(\"plot.options\"))" },
  ret = "없음",
}
K["plot.activation"] = {
  "활성화 함수와 그 도함수를 함께 그립니다.",
  args = { "name", "\"step\", \"sigmoid\", \"tanh\", \"relu\", \"leaky_relu\", \"linear\" 중 하나",
           "opts", "선택: leaky_relu의 alpha와 일반 그래프 옵션" },
  ret = "없음",
}
K["plot.line"] = {
  "x에 대한 y를 선으로 그립니다 (y만 주면 1..n에 대해 그립니다).",
  args = { "x", "텐서 또는 Lua 목록", "y", "길이가 같은 텐서 또는 Lua 목록", "opts", "선택: 그래프 옵션" },
  ret = "없음",
}
K["plot.lines"] = {
  "여러 선을 각자 이름을 붙여 한 그림에 그립니다.",
  args = { "{{x, y, label}, ...}", "그릴 선들", "opts", "선택: 그래프 옵션" },
  ret = "없음",
}
K["plot.scatter"] = {
  "점을 찍습니다. 레이블을 주면 클래스별로 색을 칠합니다.",
  args = { "x", "x 좌표, 또는 두 좌표가 모두 든 [N, 2] 텐서", "y", "y 좌표 ([N, 2]를 주면 nil)",
           "labels", "선택: 점마다 클래스", "opts", "선택: 그래프 옵션" },
  ret = "없음",
}
K["plot.hist"] = {
  "t의 값으로 히스토그램을 그립니다.",
  args = { "t", "텐서 또는 목록", "bins", "선택: 구간 수 (기본값 20)",
           "opts", "선택: 그래프 옵션과 range = {lo, hi}" },
  ret = "없음",
}
K["plot.image"] = {
  "회색조 이미지를 1번 행이 위로 가게 보여 줍니다.",
  args = { "img", "[H, W] (또는 [H, W, 1], 값 784개)",
           "opts", "선택: title, invert = true(흰 종이에 검은 잉크), range = {lo, hi}" },
  ret = "없음",
}
K["plot.images"] = {
  "강의의 4x4 격자처럼 이미지 여러 장을 아래에 설명을 달아 격자로 보여 줍니다.",
  args = { "batch", "이미지 [N, H, W]",
           "opts", "선택: titles(문자열 또는 클래스 번호), names(클래스 번호의 이름), rows, cols, invert" },
  ret = "없음",
}
K["plot.boundary"] = {
  "모델이 예측하는 클래스로 평면을 칠하고, 그 위에 데이터 점을 찍습니다.",
  "Lua 함수는 f(x, y) → 숫자로 호출하고, 모델에는 [N, 2] 텐서를 넣습니다. 색이 옅을수록 모델이 덜 " ..
  "확신한다는 뜻입니다.",
  args = { "model_or_fn", "모델 또는 함수", "{xmin, xmax, ymin, ymax}", "그릴 영역",
           "points", "선택: [N, 2] 데이터 점", "labels", "선택: 점들의 클래스", "opts", "선택: 그래프 옵션" },
  ret = "없음",
}
K["plot.history"] = {
  "model:fit이 돌려준 기록으로 학습 곡선을 그립니다: 학습과 검증의 손실과 정확도.",
  args = { "history", "model:fit이 돌려준 값", "opts", "선택: 그래프 옵션" },
  ret = "없음",
}
K["plot.confusion"] = {
  "혼동 행렬을 횟수가 적힌 색 격자로 그립니다.",
  args = { "m", "혼동 행렬", "labels", "선택: 클래스 이름", "opts", "선택: 그래프 옵션" },
  ret = "없음",
}
K["plot.live"] = {
  "점을 더할 때마다 다시 그려지는 그림으로, 학습이 진행되는 모습을 볼 때 씁니다.",
  "model:fit{plot = true}가 이것을 씁니다.",
  args = { "opts", "선택: title, xlabel, ylabel, interval = 0.25 (다시 그리는 간격, 초)" },
  ret = "add와 close가 있는 실시간 그래프",
}
K["live:add"] = {
  "실시간 그래프에 점 하나를 더합니다. 그림은 많아야 interval초마다 한 번 다시 그려집니다.",
  args = { "x", "숫자", "y", "숫자", "series", "선택: 선의 이름 (기본값은 선 하나)" },
  ret = "없음",
}
K["live:close"] = {
  "실시간 그래프의 마지막 상태를 그립니다. 그 뒤로는 현재 그림이 되어 plot.save를 쓸 수 있습니다.",
  ret = "없음",
}
K["plot.terminal"] = {
  "그래프가 나타날 곳을 고릅니다.",
  "\"auto\"(기본값)는 디스플레이가 있으면 창을, sixel을 지원하는 터미널이면 sixel을, 그 밖에는 " ..
  "\"dumb\"(이 터미널에 글자로)을 고릅니다. \"png\"와 \"svg\"는 파일로 씁니다.",
  args = { "name", "\"auto\", \"dumb\", \"sixel\", \"png\", \"svg\", \"qt\", \"wxt\", \"x11\" 중 하나",
           "path", "선택: png나 svg를 쓸 파일" },
  ret = "지금 쓰는 출력 장치",
}
K["plot.save"] = {
  "현재 그림을 파일로 저장합니다. 확장자로 형식이 정해집니다.",
  args = { "path", ".png, .svg, .pdf, .txt로 끝나는 이름", "opts", "선택: width, height" },
  ret = "경로",
}
K["plot.close"] = {
  "현재 그림(창과 그 뒤의 gnuplot)을 닫습니다.",
  ret = "없음",
}
K["plot.options"] = {
  "모든 그래프 함수가 마지막 인자로 받는 옵션 테이블입니다.",
  "title(제목), xlabel과 ylabel(축 이름), xrange와 yrange({lo, hi}), label(범례), width와 " ..
  "height(그림 크기).",
}

---------------------------------------------------------------------------------------------
-- 레슨

K["lesson.list"] = {
  "레슨 목록을 번호와 짧은 이름과 함께 보여 줍니다.",
  ret = "없음",
}
K["lesson.start"] = {
  "프롬프트에서 레슨을 시작합니다.",
  "셸에서는 lunet --lesson 이름으로 시작합니다. --lang ko|en으로 언어를 고르고, --auto는 사람 없이 " ..
  "모든 단계와 채점을 실행합니다.",
  args = { "name", "레슨의 번호(3), 파일 이름(\"03_xor\") 또는 짧은 이름(\"xor\")" },
  ret = "없음",
}
K["lesson.lang"] = {
  "레슨과 도움말의 언어를 알려 주거나 바꿉니다.",
  "lunet.lang을 바꾸는 것과 같습니다. 인자 없이 부르면 지금 쓰는 언어(lunet.lang, 없으면 로캘의 " ..
  "언어)를 알려 줍니다.",
  args = { "lang", "선택: \"ko\" 또는 \"en\"" },
  ret = "지금 쓰는 언어",
}
K["lesson.next"] = { "레슨의 다음 단계로 넘어갑니다 (줄여서 n()).", ret = "없음" }
K["lesson.back"] = { "한 단계 뒤로 돌아갑니다 (줄여서 b()).", ret = "없음" }
K["lesson.again"] = { "지금 단계를 다시 보여 줍니다.", ret = "없음" }
K["lesson.hint"] = { "지금 문제의 힌트를 보여 줍니다.", ret = "없음" }
K["lesson.check"] = { "지금 문제의 답을 채점합니다.", ret = "없음" }
K["lesson.quit"] = { "레슨을 끝냅니다. 진행 상황은 저장됩니다.", ret = "없음" }

return K
