// SPDX-License-Identifier: Apache-2.0
#include "dialogs/restoredialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "s3core/restore.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

RestoreDialog::RestoreDialog(const QString &what, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"restoreDialog"_s);
    setWindowTitle(tr("Restore archived objects"));
    auto *question = new QLabel(tr("Restore %1 from the archive?").arg(what), this);
    question->setObjectName(u"restoreQuestion"_s);
    question->setWordWrap(true);
    auto *explanation = new QLabel(tr("A readable copy is made next to the archived object; that takes minutes "
                                      "(Expedited) to hours (Standard, Bulk) and is billed by tier. The copy is "
                                      "kept for the days given, then removed; the archived object stays."),
                                   this);
    explanation->setWordWrap(true);
    m_days = new QSpinBox(this);
    m_days->setObjectName(u"restoreDays"_s);
    m_days->setRange(s3::restore::MinDays, s3::restore::MaxDays);
    m_days->setValue(7);
    m_days->setSuffix(tr(" days"));
    m_tier = new QComboBox(this);
    m_tier->setObjectName(u"restoreTier"_s);
    m_tier->addItems(s3::restore::tiers());
    auto *form = new QFormLayout;
    form->addRow(tr("Keep the copy for:"), m_days);
    form->addRow(tr("Retrieval tier:"), m_tier);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *restore = buttons->addButton(tr("Restore"), QDialogButtonBox::AcceptRole);
    restore->setObjectName(u"restoreButton"_s);
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(question);
    layout->addWidget(explanation);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

int RestoreDialog::days() const
{
    return m_days->value();
}

QString RestoreDialog::tier() const
{
    return m_tier->currentText();
}

} // namespace s3ui
