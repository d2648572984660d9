// SPDX-License-Identifier: Apache-2.0
#include "dialogs/mfapromptdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

#include "s3core/textescape.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

namespace {

constexpr int CodeLength = 6;

QLabel *selectableLabel(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

} // namespace

MfaPromptDialog::MfaPromptDialog(s3::MfaRequest request, QWidget *parent)
    : QDialog(parent)
    , m_request(std::move(request))
{
    setObjectName(u"mfaPromptDialog"_s);
    // The names come from a file anybody may have written: no control characters reach the window.
    const QString profile = s3::escapeControlCharacters(m_request.profile);
    setWindowTitle(tr("MFA code for %1").arg(profile));
    auto *layout = new QVBoxLayout(this);

    auto *intro = new QLabel(tr("The profile '%1' assumes a role that requires a code from your MFA device. "
                                "Enter the code the device shows now.")
                                 .arg(profile),
                             this);
    intro->setObjectName(u"introLabel"_s);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    form->addRow(tr("Role:"), selectableLabel(s3::escapeControlCharacters(m_request.roleArn), u"roleLabel"_s, this));
    form->addRow(tr("MFA device:"), selectableLabel(s3::escapeControlCharacters(m_request.serialNumber), u"deviceLabel"_s, this));
    m_codeEdit = new QLineEdit(this);
    m_codeEdit->setObjectName(u"codeEdit"_s);
    m_codeEdit->setPlaceholderText(tr("6 digits"));
    m_codeEdit->setMaxLength(CodeLength);
    m_codeEdit->setInputMethodHints(Qt::ImhDigitsOnly);
    m_codeEdit->setValidator(new QRegularExpressionValidator(QRegularExpression(u"[0-9]{0,6}"_s), m_codeEdit));
    form->addRow(tr("&Code:"), m_codeEdit);
    layout->addLayout(form);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Continue"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_codeEdit, &QLineEdit::textChanged, this, &MfaPromptDialog::updateOkButton);
    updateOkButton();
    m_codeEdit->setFocus();
}

MfaPromptDialog::~MfaPromptDialog() = default;

QString MfaPromptDialog::code() const
{
    const QString text = m_codeEdit->text();
    return text.size() == CodeLength ? text : QString();
}

s3::S3Error MfaPromptDialog::notEntered(const s3::MfaRequest &request)
{
    return s3::S3Error(s3::S3Error::Kind::Cancelled,
                       tr("MFA code not entered (the prompt for device %1 was cancelled); connect again to be asked once more")
                           .arg(request.serialNumber));
}

void MfaPromptDialog::updateOkButton()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!code().isEmpty());
}

} // namespace s3ui
