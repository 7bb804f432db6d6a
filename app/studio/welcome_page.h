#pragma once

#include <QWidget>

namespace tfs::studio {

// The first page: what this engine is running on (versions, threads, devices, BLAS).
class WelcomePage : public QWidget {
  Q_OBJECT
 public:
  explicit WelcomePage(QWidget* parent = nullptr);
};

}  // namespace tfs::studio
