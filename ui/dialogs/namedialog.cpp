// SPDX-License-Identifier: Apache-2.0
#include "dialogs/namedialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "util/windowfit.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

NameDialog::NameDialog(const QString &title, const QString &label, Check check, QWidget *parent)
    : QDialog(parent)
    , m_check(std::move(check))
    , m_label(new QLabel(label, this))
    , m_edit(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(title);
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText); // it quotes locations, which are not markup
    m_label->setBuddy(m_edit);
    m_edit->setObjectName(u"nameEdit"_s);
    m_edit->setAccessibleName(title);
    m_problem->setObjectName(u"nameProblem"_s);
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setStyleSheet(u"color: #d93025;"_s); // a mid red, readable on light and dark themes
    m_problem->setVisible(false);
    okButton()->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_label);
    layout->addWidget(m_edit);
    layout->addWidget(m_problem);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    setMinimumWidth(440);
    fitWindowWidthToTitle(this); // "Rename folder — S3Desk" whole in the title bar
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NameDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &NameDialog::reject);
    connect(m_edit, &QLineEdit::textChanged, this, &NameDialog::recheck);
    recheck();
}

NameDialog::~NameDialog() = default;

QPushButton *NameDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void NameDialog::setName(const QString &name, qsizetype selected)
{
    m_unchanged = name;
    m_edit->setText(name);
    m_edit->setSelection(0, int(selected < 0 ? name.size() : selected));
    recheck();
}

QString NameDialog::name() const
{
    return m_edit->text();
}

QString NameDialog::problem() const
{
    return m_problem->isVisible() ? m_problem->text() : QString();
}

void NameDialog::recheck()
{
    const QString text = m_edit->text();
    const QString reason = m_check ? m_check(text) : QString();
    // Nothing typed yet is not a mistake: OK is off, without a reprimand.
    const bool show = !reason.isEmpty() && !text.isEmpty();
    m_problem->setText(show ? reason : QString());
    m_problem->setVisible(show);
    okButton()->setEnabled(reason.isEmpty() && !text.isEmpty() && (m_unchanged.isEmpty() || text != m_unchanged));
    if (isVisible())
        fitWindowHeightToContent(this);
}

void NameDialog::accept()
{
    recheck();
    if (!okButton()->isEnabled())
        return; // Enter on a name that is not acceptable keeps the dialog and the text
    Q_EMIT nameAccepted(m_edit->text());
    QDialog::accept();
}

void NameDialog::resizeEvent(QResizeEvent *event)
{
    QDialog::resizeEvent(event);
    fitWindowHeightToContent(this);
}

} // namespace s3ui
