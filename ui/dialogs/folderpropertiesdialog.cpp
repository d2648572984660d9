// SPDX-License-Identifier: Apache-2.0
#include "dialogs/folderpropertiesdialog.h"

#include <limits>

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QTimer>
#include <QVBoxLayout>

#include "connection/session.h"
#include "s3core/ops/countobjectsjob.h"
#include "util/format.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

FolderPropertiesDialog::FolderPropertiesDialog(Session *session, const QString &bucket, const QString &prefix, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_bucket(bucket)
    , m_prefix(prefix)
    , m_uri(new QLabel(u"s3://%1/%2"_s.arg(bucket, prefix), this))
    , m_objectsLabel(new QLabel(this))
    , m_sizeLabel(new QLabel(this))
    , m_status(new QLabel(this))
{
    setObjectName(u"folderProperties"_s);
    const QString name = prefix.isEmpty() ? bucket : prefix.section(u'/', -2, -2);
    setWindowTitle(tr("Properties – %1").arg(name));
    m_uri->setTextFormat(Qt::PlainText); // keys are not markup
    m_uri->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_uri->setObjectName(u"folderUri"_s);
    m_objectsLabel->setObjectName(u"folderObjects"_s);
    m_sizeLabel->setObjectName(u"folderSize"_s);
    m_status->setObjectName(u"folderStatus"_s);
    m_status->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Location:"), m_uri);
    form->addRow(tr("Objects:"), m_objectsLabel);
    form->addRow(tr("Total size:"), m_sizeLabel);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    showCounts(0, 0);
    m_status->setText(tr("Counting…"));
    // On the next turn of the event loop, so setPageSize() can still be called after construction.
    QTimer::singleShot(0, this, &FolderPropertiesDialog::startWalk);
}

FolderPropertiesDialog::~FolderPropertiesDialog()
{
    if (m_walk) {
        m_walk->disconnect(this);
        m_walk->cancel();
    }
}

void FolderPropertiesDialog::done(int result)
{
    // Closing stops the walk: nothing lists on behind a dialog that is gone.
    m_closed = true;
    if (m_walk) {
        m_walk->disconnect(this);
        m_walk->cancel();
        m_walk = nullptr;
    }
    QDialog::done(result);
}

void FolderPropertiesDialog::showCounts(qint64 objects, qint64 bytes)
{
    m_objects = objects;
    m_bytes = bytes;
    // %Ln: the locale's digit grouping ("12,345"); %n needs an int, which a folder count never exceeds in practice.
    m_objectsLabel->setText(tr("%Ln object(s)", nullptr, int(qMin<qint64>(objects, std::numeric_limits<int>::max()))));
    m_sizeLabel->setText(bytes < 1024 ? formatSize(bytes)
                                      : tr("%1 (%2 bytes)").arg(formatSize(bytes), QLocale().toString(bytes)));
}

void FolderPropertiesDialog::startWalk()
{
    if (m_closed || m_walk)
        return;
    if (!m_session) {
        m_status->setText(tr("Not connected."));
        return;
    }
    auto *walk = new s3::CountObjectsJob(m_session->client(), m_bucket, {m_prefix}, this);
    if (m_pageSize > 0)
        walk->setPageSize(m_pageSize);
    m_walk = walk;
    connect(walk, &s3::CountObjectsJob::progressChanged, this, [this](const s3::ObjectCounts &counts) {
        showCounts(counts.objects, counts.bytes);
        m_status->setText(tr("Counting… %Ln object(s) so far", nullptr, int(qMin<qint64>(counts.objects, std::numeric_limits<int>::max()))));
    });
    connect(walk, &s3::Job::finished, this, [this, walk] {
        m_walk = nullptr;
        showCounts(walk->counts().objects, walk->counts().bytes);
        if (walk->hasError()) {
            m_status->setText(tr("Counting stopped: %1. The totals are what was counted until then.").arg(walk->error().toString()));
            return;
        }
        m_complete = true;
        m_status->setText(tr("Counted in %Ln listing page(s).", nullptr, walk->pageCount()));
    });
    walk->start();
}

} // namespace s3ui
