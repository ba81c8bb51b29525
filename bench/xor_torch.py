# xor_torch.py STEPS — the same XOR loop as xor_lunet.lua, in PyTorch (CPU, default threads).
import sys, time
import torch
steps = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
torch.manual_seed(1)
x = torch.tensor([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
y = torch.tensor([[0.], [1.], [1.], [0.]])
model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Sigmoid(), torch.nn.Linear(2, 1), torch.nn.Sigmoid())
opt = torch.optim.SGD(model.parameters(), lr=0.5)
loss_fn = torch.nn.MSELoss()

def step():
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
    return loss

for _ in range(1000):
    step()
t0 = time.process_time()
for _ in range(steps):
    loss = step()
dt = time.process_time() - t0
print("torch_us_per_step %.3f" % (dt / steps * 1e6))
print("torch_final_loss %.5f" % loss.item())
print("torch_threads %d" % torch.get_num_threads())
