// SPDX-License-Identifier: Apache-2.0
#include "dialogs/bucketversioningdialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

#include "connection/session.h"
#include "s3core/ops/getbucketversioningjob.h"
#include "s3core/ops/putbucketversioningjob.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

BucketVersioningDialog::BucketVersioningDialog(Session *session, const QString &bucket, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_bucket(bucket)
    , m_label(new QLabel(this))
    , m_error(new QLabel(this))
    , m_enable(new QPushButton(tr("Enable versioning…"), this))
    , m_suspend(new QPushButton(tr("Suspend versioning…"), this))
{
    setWindowTitle(tr("Versioning – %1").arg(bucket));
    m_label->setWordWrap(true);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: palette(link-visited);"_s);
    m_error->hide();
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_enable);
    buttons->addWidget(m_suspend);
    buttons->addStretch();
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_label);
    layout->addWidget(m_error);
    layout->addLayout(buttons);
    layout->addWidget(close);
    connect(m_enable, &QPushButton::clicked, this, [this] { ask(s3::BucketVersioning::Enabled); });
    connect(m_suspend, &QPushButton::clicked, this, [this] { ask(s3::BucketVersioning::Suspended); });
    load();
}

BucketVersioningDialog::~BucketVersioningDialog() = default;

QString BucketVersioningDialog::statusText() const
{
    if (!m_loaded)
        return tr("Reading the versioning status of %1…").arg(m_bucket);
    switch (m_status) {
    case s3::BucketVersioning::Enabled:
        return tr("Versioning of %1 is enabled: every overwrite and delete keeps the previous version.").arg(m_bucket);
    case s3::BucketVersioning::Suspended:
        return tr("Versioning of %1 is suspended: new writes replace the current object; the versions kept so far stay.")
            .arg(m_bucket);
    case s3::BucketVersioning::Unversioned:
        break;
    }
    return tr("Versioning of %1 was never enabled: an overwrite or delete loses the previous data.").arg(m_bucket);
}

void BucketVersioningDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_enable->setEnabled(!busy && m_loaded && m_status != s3::BucketVersioning::Enabled);
    m_suspend->setEnabled(!busy && m_loaded && m_status == s3::BucketVersioning::Enabled);
    m_label->setText(statusText());
}

void BucketVersioningDialog::load()
{
    if (!m_session)
        return;
    m_loaded = false;
    setBusy(true);
    auto *job = new s3::GetBucketVersioningJob(m_session->client(), m_bucket, this);
    connect(job, &s3::Job::finished, this, [this, job] {
        if (job->hasError()) {
            m_error->setText(tr("Cannot read the versioning status: %1").arg(job->error().toString()));
            m_error->show();
            m_label->setText(tr("The versioning status of %1 is unknown.").arg(m_bucket));
            m_busy = false;
            return;
        }
        m_status = job->status();
        m_loaded = true;
        setBusy(false);
        Q_EMIT statusLoaded();
    });
    job->start();
}

void BucketVersioningDialog::ask(s3::BucketVersioning target)
{
    const bool enable = target == s3::BucketVersioning::Enabled;
    auto *box = new QMessageBox(QMessageBox::Question, enable ? tr("Enable versioning") : tr("Suspend versioning"),
                                enable ? tr("Enable versioning of %1?").arg(m_bucket) : tr("Suspend versioning of %1?").arg(m_bucket),
                                QMessageBox::Cancel, this);
    box->setInformativeText(enable ? tr("Every overwrite and delete will keep the previous version, which is stored (and "
                                        "billed) until it is deleted. A bucket cannot go back to never versioned; it can "
                                        "only be suspended later.")
                                   : tr("New writes will replace the current object without keeping it. The versions "
                                        "kept so far stay until they are deleted."));
    QPushButton *yes = box->addButton(enable ? tr("Enable") : tr("Suspend"), QMessageBox::AcceptRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setEscapeButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_question = box;
    connect(box, &QMessageBox::finished, this, [this, box, yes, target] {
        if (box->clickedButton() == yes)
            apply(target);
    });
    box->open();
}

void BucketVersioningDialog::apply(s3::BucketVersioning target)
{
    if (!m_session)
        return;
    setBusy(true);
    m_error->hide();
    auto *job = new s3::PutBucketVersioningJob(m_session->client(), m_bucket, target, this);
    connect(job, &s3::Job::finished, this, [this, job] {
        if (job->hasError()) {
            m_error->setText(tr("Changing the versioning failed: %1").arg(job->error().toString()));
            m_error->show();
            setBusy(false);
            return;
        }
        load(); // what the server says now, not what was asked for
    });
    job->start();
}

} // namespace s3ui
