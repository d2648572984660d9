// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace s3ui {

/**
 * Asks for one name (new folder, rename, new bucket) and checks it while it is typed: OK stays disabled and the
 * reason shows under the field until the name is acceptable, so a mistake is fixed in place, never retyped.
 * Open it with open(); nameAccepted() carries the name when OK is pressed (Enter presses OK).
 */
class NameDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NameDialog)
public:
    /** What is wrong with a name (empty: nothing); called on every change. */
    using Check = std::function<QString(const QString &name)>;

    NameDialog(const QString &title, const QString &label, Check check, QWidget *parent = nullptr);
    ~NameDialog() override;

    /** Sets the text and selects its first `selected` characters (-1: all). */
    void setName(const QString &name, qsizetype selected = -1);
    QString name() const;
    /** The current reason shown under the field (empty when the name is acceptable or nothing is typed). */
    QString problem() const;

    QLineEdit *nameEdit() const { return m_edit; }
    QLabel *problemLabel() const { return m_problem; }
    QPushButton *okButton() const;

Q_SIGNALS:
    void nameAccepted(const QString &name);

public Q_SLOTS:
    void accept() override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void recheck();

    Check m_check;
    QLabel *m_label;
    QLineEdit *m_edit;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    QString m_unchanged; // the name given with setName(): OK only once it changed
};

} // namespace s3ui
