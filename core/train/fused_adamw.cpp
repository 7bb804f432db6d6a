#include "core/train/fused_adamw.h"

#include <ATen/Parallel.h>

#include <cmath>
#include <type_traits>

#include "core/base/cpu_kernels.h"
#include "core/model/fused_ops.h"

namespace tfs {

namespace {

template <typename Map>
auto stateKey(const torch::Tensor& p) {
  // LibTorch 1.13 keys the state by the TensorImpl's address as a string; later releases by the
  // address itself.
  if constexpr (std::is_same_v<typename Map::key_type, std::string>)
    return c10::guts::to_string(p.unsafeGetTensorImpl());
  else
    return static_cast<typename Map::key_type>(p.unsafeGetTensorImpl());
}

bool fusable(const torch::Tensor& p, const torch::optim::AdamWOptions& o) {
  const auto& g = p.grad();
  return fusedOpsEnabled() && !o.amsgrad() && p.device().is_cpu() &&
         p.scalar_type() == torch::kFloat && p.is_contiguous() &&
         g.scalar_type() == torch::kFloat && !g.is_sparse() && g.device().is_cpu();
}

}  // namespace

torch::Tensor FusedAdamW::step(LossClosure closure) {
  bool anyOther = false;
  for (auto& group : param_groups_)
    for (auto& p : group.params())
      if (p.grad().defined() &&
          !fusable(p, static_cast<torch::optim::AdamWOptions&>(group.options())))
        anyOther = true;
  if (anyOther) return torch::optim::AdamW::step(std::move(closure));

  torch::NoGradGuard noGrad;
  torch::Tensor loss;
  if (closure) {
    at::AutoGradMode enable(true);
    loss = closure();
  }
  using Map = std::remove_reference_t<decltype(state_)>;
  for (auto& group : param_groups_) {
    auto& o = static_cast<torch::optim::AdamWOptions&>(group.options());
    const double beta1 = std::get<0>(o.betas()), beta2 = std::get<1>(o.betas());
    for (auto& p : group.params()) {
      if (!p.grad().defined()) continue;
      const auto key = stateKey<Map>(p);
      auto it = state_.find(key);
      if (it == state_.end()) {
        auto st = std::make_unique<torch::optim::AdamWParamState>();
        st->step(0);
        st->exp_avg(torch::zeros_like(p, torch::MemoryFormat::Preserve));
        st->exp_avg_sq(torch::zeros_like(p, torch::MemoryFormat::Preserve));
        it = state_.emplace(key, std::move(st)).first;
      }
      auto& st = static_cast<torch::optim::AdamWParamState&>(*it->second);
      st.step(st.step() + 1);
      const double bc1 = 1 - std::pow(beta1, double(st.step()));
      const double bc2 = 1 - std::pow(beta2, double(st.step()));
      const kernels::AdamWScalars s{float(1 - o.lr() * o.weight_decay()),
                                    float(beta1),
                                    float(1 - beta1),
                                    float(beta2),
                                    float(1 - beta2),
                                    float(std::sqrt(bc2)),
                                    float(o.eps()),
                                    float(-(o.lr() / bc1))};
      auto g = p.grad().contiguous();
      auto& m = st.exp_avg();
      auto& v = st.exp_avg_sq();
      if (!m.is_contiguous()) m = m.contiguous();
      if (!v.is_contiguous()) v = v.contiguous();
      float* pp = p.data_ptr<float>();
      const float* gp = g.data_ptr<float>();
      float* mp = m.data_ptr<float>();
      float* vp = v.data_ptr<float>();
      at::parallel_for(0, p.numel(), 1 << 15, [&](int64_t begin, int64_t end) {
        kernels::adamw(pp + begin, gp + begin, mp + begin, vp + begin, end - begin, s);
      });
    }
  }
  return loss;
}

}  // namespace tfs
