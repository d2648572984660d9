// SPDX-License-Identifier: Apache-2.0
#include "browser/encryptioncolumnloader.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>

#include "connection/session.h"
#include "models/objectlistmodel.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/ssecustomerkey.h"
#include "util/format.h"

namespace s3ui {

EncryptionColumnLoader::EncryptionColumnLoader(QTableView *view, ObjectListModel *model, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_model(model)
{
    // Scrolling and new rows change what is in view; one pass after they settle.
    m_timer.setSingleShot(true);
    m_timer.setInterval(100);
    connect(&m_timer, &QTimer::timeout, this, &EncryptionColumnLoader::askForRowsInView);
    connect(view->verticalScrollBar(), &QScrollBar::valueChanged, this, &EncryptionColumnLoader::schedule);
    connect(view->verticalScrollBar(), &QScrollBar::rangeChanged, this, &EncryptionColumnLoader::schedule);
    connect(model, &QAbstractItemModel::modelReset, this, &EncryptionColumnLoader::schedule);
    connect(model, &QAbstractItemModel::rowsInserted, this, &EncryptionColumnLoader::schedule);
    connect(model, &QAbstractItemModel::layoutChanged, this, &EncryptionColumnLoader::schedule);
}

EncryptionColumnLoader::~EncryptionColumnLoader()
{
    stopAll();
}

void EncryptionColumnLoader::setSession(Session *session)
{
    stopAll();
    m_session = session;
    schedule();
}

void EncryptionColumnLoader::setEnabled(bool enabled)
{
    m_enabled = enabled;
    if (!enabled)
        stopAll();
    schedule();
}

void EncryptionColumnLoader::schedule()
{
    if (m_enabled && !m_timer.isActive())
        m_timer.start();
}

void EncryptionColumnLoader::stopAll()
{
    m_timer.stop();
    for (QPointer<s3::HeadObjectJob> &job : m_running)
        s3::cancelQuietly(job, this);
    m_running.clear();
    m_asked.clear(); // what was asked and not answered is asked again when shown again
}

void EncryptionColumnLoader::askForRowsInView()
{
    if (!m_enabled || !m_session || !m_session->client() || !m_view || !m_model || m_model->bucket().isEmpty())
        return;
    if (m_model->listingGeneration() != m_generation) {
        stopAll();
        m_generation = m_model->listingGeneration();
    }
    const int rows = m_model->rowCount();
    if (rows == 0)
        return;
    int first = m_view->rowAt(0);
    int last = m_view->rowAt(m_view->viewport()->height() - 1);
    if (first < 0)
        return; // nothing in view
    if (last < 0)
        last = rows - 1;
    for (int row = first; row <= last && m_running.size() < MaxRequestsInFlight; ++row) {
        if (m_model->isFolderAt(row))
            continue;
        const QString name = m_model->nameAt(row);
        if (m_asked.contains(name) || m_model->hasEncryption(name))
            continue;
        ask(m_model->bucket(), m_model->keyAt(row), name);
    }
}

void EncryptionColumnLoader::ask(const QString &bucket, const QString &key, const QString &name)
{
    m_asked.insert(name);
    auto *job = new s3::HeadObjectJob(m_session->client(), bucket, key, this);
    m_running.append(job);
    ++m_requestsSent;
    const quint64 generation = m_generation;
    connect(job, &s3::Job::finished, this, [this, job, name, generation] {
        m_running.removeAll(job);
        if (m_model && generation == m_model->listingGeneration()) {
            QString text;
            if (!job->hasError()) {
                const s3::ObjectMetadata &metadata = job->metadata();
                text = describeEncryption(metadata.serverSideEncryption, metadata.sseKmsKeyId, metadata.sseCustomerAlgorithm);
            } else if (s3::isSseCustomerKeyError(job->error())) {
                text = QStringLiteral("SSE-C"); // its HEAD needs the key the object was written with
            } else {
                const s3::S3Error &error = job->error();
                text = tr("not known (%1)").arg(error.code().isEmpty() ? QStringLiteral("HTTP %1").arg(error.httpStatus()) : error.code());
            }
            m_model->setEncryption(name, text);
        }
        schedule();
    });
    job->start();
}

} // namespace s3ui
