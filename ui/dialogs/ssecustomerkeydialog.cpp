// SPDX-License-Identifier: Apache-2.0
#include "dialogs/ssecustomerkeydialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include "s3core/textescape.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

SseCustomerKeyDialog::SseCustomerKeyDialog(const QString &objectKey, bool refused, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"sseCustomerKeyDialog"_s);
    setWindowTitle(tr("Encryption key needed"));
    auto *layout = new QVBoxLayout(this);

    // The key name comes from the server: no control character reaches the window.
    const QString name = s3::escapeControlCharacters(objectKey);
    const QString intro = refused
        ? tr("The server refused the key given for %1: it was encrypted with another customer-provided key (SSE-C). "
             "Give the key it was uploaded with.").arg(name)
        : tr("%1 is encrypted with a customer-provided key (SSE-C): S3 shows and sends it only to whoever gives the key.")
              .arg(name);
    auto *introLabel = new QLabel(intro, this);
    introLabel->setObjectName(u"introLabel"_s);
    introLabel->setTextFormat(Qt::PlainText);
    introLabel->setWordWrap(true);
    layout->addWidget(introLabel);

    auto *grid = new QGridLayout;
    m_fileRadio = new QRadioButton(tr("Key &file:"), this);
    m_fileRadio->setObjectName(u"fileRadio"_s);
    m_fileRadio->setChecked(true);
    m_fileEdit = new QLineEdit(this);
    m_fileEdit->setObjectName(u"fileEdit"_s);
    m_fileEdit->setPlaceholderText(tr("32 bytes, or their base64 text"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    browse->setObjectName(u"browseButton"_s);
    m_textRadio = new QRadioButton(tr("Key as &base64:"), this);
    m_textRadio->setObjectName(u"textRadio"_s);
    m_textEdit = new QLineEdit(this);
    m_textEdit->setObjectName(u"textEdit"_s);
    m_textEdit->setEchoMode(QLineEdit::Password);
    m_textEdit->setPlaceholderText(tr("44 characters, e.g. from openssl rand -base64 32"));
    grid->addWidget(m_fileRadio, 0, 0);
    grid->addWidget(m_fileEdit, 0, 1);
    grid->addWidget(browse, 0, 2);
    grid->addWidget(m_textRadio, 1, 0);
    grid->addWidget(m_textEdit, 1, 1, 1, 2);
    layout->addLayout(grid);

    auto *note = new QLabel(tr("The key is used for this object while the window needs it and is not saved anywhere."), this);
    note->setObjectName(u"noteLabel"_s);
    note->setWordWrap(true);
    layout->addWidget(note);

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(u"errorLabel"_s);
    m_errorLabel->setTextFormat(Qt::PlainText);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(u"color: #b00020;"_s);
    m_errorLabel->hide();
    layout->addWidget(m_errorLabel);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Use key"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SseCustomerKeyDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, &SseCustomerKeyDialog::chooseFile);
    connect(m_fileRadio, &QRadioButton::toggled, this, &SseCustomerKeyDialog::updateState);
    connect(m_fileEdit, &QLineEdit::textChanged, this, &SseCustomerKeyDialog::updateState);
    connect(m_textEdit, &QLineEdit::textChanged, this, &SseCustomerKeyDialog::updateState);
    // Typing into a field picks its way of giving the key.
    connect(m_fileEdit, &QLineEdit::textEdited, m_fileRadio, [this] { m_fileRadio->setChecked(true); });
    connect(m_textEdit, &QLineEdit::textEdited, m_textRadio, [this] { m_textRadio->setChecked(true); });
    updateState();
    m_fileEdit->setFocus();
}

SseCustomerKeyDialog::~SseCustomerKeyDialog()
{
    // The typed text is the key: do not leave it in the widget's buffer longer than needed.
    m_textEdit->clear();
}

void SseCustomerKeyDialog::chooseFile()
{
    auto *chooser = new QFileDialog(this, tr("Key file"));
    chooser->setObjectName(u"keyFileChooser"_s);
    chooser->setFileMode(QFileDialog::ExistingFile);
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    connect(chooser, &QFileDialog::fileSelected, this, [this](const QString &path) {
        m_fileEdit->setText(path);
        m_fileRadio->setChecked(true);
    });
    chooser->open();
}

void SseCustomerKeyDialog::updateState()
{
    const bool given = m_fileRadio->isChecked() ? !m_fileEdit->text().trimmed().isEmpty() : !m_textEdit->text().trimmed().isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(given);
    m_errorLabel->hide();
}

void SseCustomerKeyDialog::accept()
{
    const s3::Result<s3::SseCustomerKey> key = m_fileRadio->isChecked()
        ? s3::SseCustomerKey::fromFile(m_fileEdit->text().trimmed())
        : s3::SseCustomerKey::fromBase64(m_textEdit->text().toLatin1());
    if (!key) {
        // The messages never contain the key's bytes.
        m_errorLabel->setText(key.error().message());
        m_errorLabel->show();
        return;
    }
    m_key = *key;
    QDialog::accept();
}

} // namespace s3ui
