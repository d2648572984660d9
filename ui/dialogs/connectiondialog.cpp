// SPDX-License-Identifier: Apache-2.0
#include "dialogs/connectiondialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "connection/connectiontester.h"
#include "connection/secretstore.h"
#include "util/windowfit.h"

namespace s3ui {

ConnectionDialog::ConnectionDialog(ConnectionStore *store, SecretStore *keychain, MemorySecretStore *sessionSecrets,
                                   QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_keychain(keychain)
    , m_sessionSecrets(sessionSecrets)
    , m_id(ConnectionProfile::newId())
    , m_tester(new ConnectionTester(this))
{
    setWindowTitle(tr("New connection"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    layout->addLayout(form);

    const auto lineEdit = [this](const char *name, const QString &placeholder) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(QLatin1String(name));
        edit->setPlaceholderText(placeholder);
        edit->setClearButtonEnabled(true);
        return edit;
    };
    // Created in form order: the tab order follows the rows.
    m_nameEdit = lineEdit("nameEdit", tr("My storage"));
    form->addRow(tr("&Name:"), m_nameEdit);
    m_endpointEdit = lineEdit("endpointEdit", QStringLiteral("https://s3.eu-west-1.amazonaws.com"));
    form->addRow(tr("&Endpoint URL:"), m_endpointEdit);
    m_regionEdit = lineEdit("regionEdit", tr("us-east-1 (default)"));
    form->addRow(tr("&Region:"), m_regionEdit);
    m_addressingCombo = new QComboBox(this);
    m_addressingCombo->setObjectName(QStringLiteral("addressingCombo"));
    m_addressingCombo->addItem(tr("Automatic"), int(s3::AddressingStyle::Auto));
    m_addressingCombo->addItem(tr("Path style (https://host/bucket)"), int(s3::AddressingStyle::Path));
    m_addressingCombo->addItem(tr("Virtual host (https://bucket.host)"),
                               int(s3::AddressingStyle::VirtualHost));
    form->addRow(tr("&Addressing:"), m_addressingCombo);
    m_accessKeyEdit = lineEdit("accessKeyEdit", tr("empty: anonymous (public buckets)"));
    form->addRow(tr("Access &key:"), m_accessKeyEdit);
    m_secretEdit = lineEdit("secretEdit", tr("empty: ask when connecting"));
    m_secretEdit->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Secret key:"), m_secretEdit);

    auto *caRow = new QHBoxLayout;
    m_caFileEdit = lineEdit("caFileEdit", tr("optional: PEM file for a self-signed server"));
    m_caBrowseButton = new QPushButton(tr("&Browse…"), this);
    m_caBrowseButton->setObjectName(QStringLiteral("caBrowseButton"));
    caRow->addWidget(m_caFileEdit);
    caRow->addWidget(m_caBrowseButton);
    // A row holding a layout gets no buddy from addRow(): without one the '&' would show literally.
    auto *caLabel = new QLabel(tr("&CA file:"), this);
    caLabel->setBuddy(m_caFileEdit);
    form->addRow(caLabel, caRow);
    m_bucketEdit = lineEdit("bucketEdit", tr("optional: open this bucket directly"));
    form->addRow(tr("B&ucket:"), m_bucketEdit);
    m_prefixEdit = lineEdit("prefixEdit", tr("optional: folder inside the bucket"));
    form->addRow(tr("&Prefix:"), m_prefixEdit);

    m_keychainNote = new QLabel(tr("No system keychain: the secret will be asked for each time."), this);
    m_keychainNote->setObjectName(QStringLiteral("keychainNote"));
    m_keychainNote->setWordWrap(true);
    layout->addWidget(m_keychainNote);

    auto *testRow = new QHBoxLayout;
    m_testButton = new QPushButton(tr("&Test connection"), this);
    m_testButton->setObjectName(QStringLiteral("testButton"));
    m_testButton->setAutoDefault(false);
    m_testResultLabel = new QLabel(this);
    m_testResultLabel->setObjectName(QStringLiteral("testResultLabel"));
    m_testResultLabel->setWordWrap(true);
    m_testResultLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Long results (a TLS error, a refused connection) wrap in their own area; the dialog grows for them.
    m_testResultLabel->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::MinimumExpanding);
    testRow->addWidget(m_testButton, 0, Qt::AlignTop);
    testRow->addWidget(m_testResultLabel, 1);
    layout->addLayout(testRow);

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setVisible(false);
    layout->addWidget(m_errorLabel);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Save"));
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_caBrowseButton, &QPushButton::clicked, this, &ConnectionDialog::browseCaFile);
    connect(m_testButton, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_tester, &ConnectionTester::finished, this, &ConnectionDialog::handleTestFinished);
    if (m_keychain)
        connect(m_keychain, &SecretStore::availabilityChanged, this, &ConnectionDialog::updateKeychainNote);
    // A stale error must not stay next to fields the user is fixing.
    for (QLineEdit *edit : {m_nameEdit, m_endpointEdit, m_regionEdit, m_accessKeyEdit, m_caFileEdit, m_bucketEdit,
                            m_prefixEdit})
        connect(edit, &QLineEdit::textEdited, m_errorLabel, &QLabel::hide);
    updateKeychainNote();
    m_nameEdit->setFocus();
}

ConnectionDialog::~ConnectionDialog() = default;

void ConnectionDialog::setProfile(const ConnectionProfile &profile)
{
    m_id = profile.id.isEmpty() ? ConnectionProfile::newId() : profile.id;
    m_isNew = profile.id.isEmpty() || !m_store || !m_store->profile(profile.id);
    setWindowTitle(m_isNew ? tr("New connection") : tr("Edit connection %1").arg(profile.name));
    m_nameEdit->setText(profile.name);
    m_endpointEdit->setText(profile.endpointUrl);
    m_regionEdit->setText(profile.region);
    m_addressingCombo->setCurrentIndex(qMax(0, m_addressingCombo->findData(int(profile.addressing))));
    m_accessKeyEdit->setText(profile.accessKeyId);
    m_secretEdit->clear();
    m_secretEdit->setPlaceholderText(m_isNew ? tr("empty: ask when connecting")
                                             : tr("unchanged (type to replace)"));
    m_caFileEdit->setText(profile.caBundle);
    m_bucketEdit->setText(profile.bucket);
    m_prefixEdit->setText(profile.prefix);
    m_testResultLabel->clear();
    m_errorLabel->hide();
    if (profile.isReadOnly()) {
        // AWS profiles are shown, not edited: ~/.aws stays the user's.
        for (QWidget *w : std::initializer_list<QWidget *>{m_nameEdit, m_endpointEdit, m_regionEdit, m_addressingCombo,
                                                            m_accessKeyEdit, m_secretEdit, m_caFileEdit,
                                                            m_caBrowseButton, m_bucketEdit, m_prefixEdit})
            w->setEnabled(false);
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    }
}

ConnectionProfile ConnectionDialog::profile() const
{
    ConnectionProfile p;
    p.id = m_id;
    p.kind = ConnectionProfile::Kind::Saved;
    p.name = m_nameEdit->text().trimmed();
    p.endpointUrl = m_endpointEdit->text().trimmed();
    p.region = m_regionEdit->text().trimmed();
    p.addressing = s3::AddressingStyle(m_addressingCombo->currentData().toInt());
    p.accessKeyId = m_accessKeyEdit->text().trimmed();
    p.caBundle = m_caFileEdit->text().trimmed();
    p.bucket = m_bucketEdit->text().trimmed();
    p.prefix = m_prefixEdit->text();
    return p;
}

QString ConnectionDialog::secretKey() const
{
    return m_secretEdit->text();
}

QString ConnectionDialog::validationError() const
{
    const s3::Result<s3::Ok> valid = profile().validate();
    if (!valid)
        return valid.error().message();
    if (!m_secretEdit->text().isEmpty() && m_accessKeyEdit->text().trimmed().isEmpty())
        return tr("A secret key needs its access key: enter the access key too.");
    return {};
}

bool ConnectionDialog::keychainUsable() const
{
    // Not probed yet counts as usable: writing is the probe, and a failure switches to "ask each time".
    return m_keychain && !m_keychainFailed && (!m_keychain->isAvailabilityKnown() || m_keychain->isAvailable());
}

void ConnectionDialog::updateKeychainNote()
{
    m_keychainNote->setVisible(!keychainUsable());
    fitToContent();
}

void ConnectionDialog::showError(const QString &message)
{
    m_errorLabel->setText(message);
    m_errorLabel->setVisible(!message.isEmpty());
    fitToContent();
}

void ConnectionDialog::setTestResult(const QString &message)
{
    m_testResultLabel->setText(message);
    fitToContent();
}

void ConnectionDialog::fitToContent()
{
    // Before the first show the dialog is sized from its layout anyway (height for width included).
    if (isVisible())
        fitWindowHeightToContent(this);
}

void ConnectionDialog::resizeEvent(QResizeEvent *event)
{
    QDialog::resizeEvent(event);
    fitToContent(); // narrower: the wrapped texts need more lines
}

void ConnectionDialog::setBusy(bool busy)
{
    m_saving = busy;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
}

void ConnectionDialog::accept()
{
    if (m_saving)
        return;
    const QString problem = validationError();
    if (!problem.isEmpty()) {
        showError(problem);
        // Focus the field the message is about, so the keyboard user lands where to type.
        const ConnectionProfile p = profile();
        if (p.name.isEmpty())
            m_nameEdit->setFocus();
        else if (p.endpointUrl.isEmpty() || problem.contains(QLatin1String("endpoint"), Qt::CaseInsensitive))
            m_endpointEdit->setFocus();
        else if (problem.contains(QLatin1String("CA file")))
            m_caFileEdit->setFocus();
        else if (problem.contains(QLatin1String("access key")))
            m_accessKeyEdit->setFocus();
        return;
    }
    if (!m_store) {
        showError(tr("The connection list is gone; close this dialog."));
        return;
    }
    showError({});
    const ConnectionProfile p = profile();
    const QString secret = m_secretEdit->text();
    if (p.accessKeyId.isEmpty()) {
        // Anonymous now: a secret kept for the old access key has no use any more.
        if (!m_isNew && m_keychain)
            m_keychain->deleteSecret(p.id, nullptr, [](const s3::Result<s3::Ok> &) {});
        if (m_sessionSecrets)
            m_sessionSecrets->removeSecret(p.id);
        saveProfile(p);
        return;
    }
    if (secret.isEmpty()) {
        saveProfile(p); // keep what is stored (or ask when connecting)
        return;
    }
    storeSecretThenSave(p, secret);
}

void ConnectionDialog::storeSecretThenSave(const ConnectionProfile &profile, const QString &secret)
{
    if (m_sessionSecrets)
        m_sessionSecrets->setSecret(profile.id, secret); // this run need not ask, whatever the keychain says
    if (!keychainUsable()) {
        saveProfile(profile);
        return;
    }
    setBusy(true);
    m_keychain->writeSecret(profile.id, secret, this, [this, profile](const s3::Result<s3::Ok> &written) {
        setBusy(false);
        if (!written) {
            // Never a plain-text fallback: say so; a second Save keeps the secret for this run only.
            m_keychainFailed = true;
            updateKeychainNote();
            showError(written.error().message()
                      + tr(". Save again to keep the secret for this session only (it will be asked for "
                                       "each time S3Desk starts)."));
            return;
        }
        saveProfile(profile);
    });
}

void ConnectionDialog::saveProfile(const ConnectionProfile &profile)
{
    if (!m_store)
        return;
    ConnectionProfile saved = profile;
    if (m_isNew) {
        const s3::Result<QString> added = m_store->add(profile);
        if (!added) {
            showError(added.error().message());
            return;
        }
        saved.id = *added;
        m_id = saved.id;
        m_isNew = false;
    } else if (const s3::Result<s3::Ok> updated = m_store->update(profile); !updated) {
        showError(updated.error().message());
        return;
    }
    Q_EMIT profileSaved(saved);
    QDialog::accept();
}

void ConnectionDialog::testConnection()
{
    const QString problem = validationError();
    if (!problem.isEmpty()) {
        setTestResult(problem);
        return;
    }
    const ConnectionProfile p = profile();
    const QString secret = m_secretEdit->text();
    if (!p.needsSecret() || !secret.isEmpty()) {
        runTest(p, secret);
        return;
    }
    // An edited connection with the secret field left empty: test with the stored secret.
    if (m_sessionSecrets && m_sessionSecrets->contains(p.id)) {
        runTest(p, m_sessionSecrets->secret(p.id));
        return;
    }
    if (m_isNew || !keychainUsable()) {
        setTestResult(tr("Enter the secret key to test the connection."));
        m_secretEdit->setFocus();
        return;
    }
    m_testButton->setEnabled(false);
    setTestResult(tr("Reading the secret key from the keychain…"));
    m_keychain->readSecret(p.id, this, [this, p](const s3::Result<QString> &stored) {
        m_testButton->setEnabled(true);
        if (!stored || stored->isEmpty()) {
            setTestResult(stored ? tr("No secret key is stored: enter it to test.")
                                              : stored.error().message());
            return;
        }
        runTest(p, *stored);
    });
}

bool ConnectionDialog::isTesting() const
{
    return m_tester->isRunning();
}

void ConnectionDialog::runTest(const ConnectionProfile &profile, const QString &secret)
{
    m_testButton->setEnabled(false);
    setTestResult(tr("Testing…"));
    const QProcessEnvironment environment = m_store ? m_store->environment() : QProcessEnvironment::systemEnvironment();
    m_tester->start(sessionConfigFor(profile, secret, QString(), environment, m_mfaPrompter));
}

void ConnectionDialog::handleTestFinished(bool ok, const QString &message, const s3::S3Error &error)
{
    Q_UNUSED(error)
    m_testButton->setEnabled(true);
    setTestResult(message);
    Q_EMIT testFinished(ok, message);
}

void ConnectionDialog::browseCaFile()
{
    auto *dialog = new QFileDialog(this, tr("CA certificate (PEM)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilters({tr("Certificates (*.pem *.crt *.cer)"), tr("All files (*)")});
    const QString current = m_caFileEdit->text().trimmed();
    if (!current.isEmpty())
        dialog->selectFile(current);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &file) {
        m_caFileEdit->setText(file);
        m_errorLabel->hide();
    });
    dialog->open();
}

} // namespace s3ui
