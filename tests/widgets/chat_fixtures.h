#pragma once

// The branching conversation the chat suites share: u1 → m1 | m1b (regenerated); u1b (edited
// u1) → m2, with generated-image parts carrying params.
#include <QColor>
#include <QImage>
#include <QJsonObject>
#include <QPainter>

#include "widgets/chat_model.h"

namespace tfs::test {

inline QImage disc(QColor color, int side = 64) {
  QImage image(side, side, QImage::Format_ARGB32);
  image.fill(QColor(240, 240, 236));
  QPainter p(&image);
  p.setRenderHint(QPainter::Antialiasing);
  p.setPen(Qt::NoPen);
  p.setBrush(color);
  p.drawEllipse(QRectF(side * 0.2, side * 0.2, side * 0.6, side * 0.6));
  return image;
}

inline tfs::widgets::ChatMessage text(tfs::widgets::ChatRole role, const QString& s) {
  return {role, {tfs::widgets::ChatPart::fromText(s)}};
}

struct Ids {
  int u1, m1, m1b, u1b, m2;
};

// u1 → m1 | m1b (regenerated);  u1b (edited u1) → m2
inline Ids buildConversation(tfs::widgets::ChatModel& model) {
  Ids ids{};
  ids.u1 =
      model.appendMessage(text(tfs::widgets::ChatRole::User, QStringLiteral("Draw a red circle.")));
  tfs::widgets::ChatMessage reply =
      text(tfs::widgets::ChatRole::Model, QStringLiteral("Here is a red circle:"));
  QJsonObject params;
  params[QStringLiteral("seed")] = 42;
  params[QStringLiteral("steps")] = 50;
  reply.parts.push_back(tfs::widgets::ChatPart::fromImage(disc(Qt::red), params));
  ids.m1 = model.appendMessage(reply);
  tfs::widgets::ChatMessage again =
      text(tfs::widgets::ChatRole::Model, QStringLiteral("Another one:"));
  again.parts.push_back(tfs::widgets::ChatPart::fromImage(disc(QColor(180, 0, 0))));
  ids.m1b = model.addAlternative(ids.m1, again);
  ids.u1b = model.addAlternative(
      ids.u1, text(tfs::widgets::ChatRole::User, QStringLiteral("Draw a green circle.")));
  ids.m2 = model.appendMessage(text(tfs::widgets::ChatRole::Model, QStringLiteral("Green it is.")));
  return ids;
}

}  // namespace tfs::test
