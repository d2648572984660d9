// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QPointer>
#include <QToolButton>

class QMessageBox;
class QStatusBar;

namespace s3ui {

/**
 * "Details…" at the left of a status bar's permanent widgets, shown while the bar's temporary message does not
 * fit the room they leave it (a long error would be clipped): a click opens the whole text in a non-modal box
 * (one at a time; selectable, so it can be copied). The bar's tooltip is the whole message too. Does not own the
 * bar; insert it with QStatusBar::insertPermanentWidget(0, ...).
 */
class StatusDetailsButton final : public QToolButton
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusDetailsButton)
public:
    explicit StatusDetailsButton(QStatusBar *bar, QWidget *parent = nullptr);
    ~StatusDetailsButton() override;

    /** The box with the whole message, while it is open (for tests). */
    QMessageBox *detailsBox() const { return m_box; }
    /** Whether `message` needs more room than the bar's message area has now. */
    bool isClipped(const QString &message) const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    /** The button for the bar's message now (shown when it is clipped), and the bar's tooltip. */
    void handleMessage(const QString &message);
    void showDetails();

    QStatusBar *m_bar;
    QString m_message;
    QPointer<QMessageBox> m_box;
};

} // namespace s3ui
