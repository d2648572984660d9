// SPDX-License-Identifier: Apache-2.0
// s3desk-cli storage-class: change the storage class of one object or of everything under a prefix.
// s3desk-cli restore: ask for a readable copy of an archived (GLACIER, DEEP_ARCHIVE) object.
#include "cliapp.h"
#include "s3core/ops/foreachobjectjob.h"
#include "s3core/ops/restoreobjectjob.h"
#include "s3core/restore.h"
#include "s3core/textescape.h"
#include "s3uri.h"

namespace s3cli {

using namespace s3;
using namespace Qt::Literals::StringLiterals;

void CliApp::commandStorageClass()
{
    const QString usage = u"storage-class s3://BUCKET/KEY --set CLASS | storage-class s3://BUCKET/PREFIX --set CLASS --recursive"_s;
    const bool recursive = takeFlag(u"--recursive"_s) || takeFlag(u"-r"_s);
    QString storageClass;
    if (!takeValue(u"--set"_s, &storageClass) || !expectPositionals(1, usage))
        return;
    if (storageClass.isEmpty())
        return usageError(u"storage-class needs --set CLASS (e.g. STANDARD_IA, GLACIER); usage: %1"_s.arg(usage));
    Result<S3Uri> uri = parseS3Uri(m_positionals.first());
    if (!uri)
        return usageError(uri.error().message());
    if (uri->key.isEmpty() && !recursive)
        return usageError(u"storage-class needs s3://BUCKET/KEY (or a prefix with --recursive)"_s);

    QStringList keys;
    QStringList prefixes;
    (recursive ? prefixes : keys).append(uri->key);
    auto *job = ForEachObjectJob::changeStorageClass(m_client.get(), uri->bucket, keys, prefixes, storageClass, this);
    job->setAllowWholeBucket(recursive && uri->key.isEmpty());
    connect(job, &Job::finished, this, [this, job, storageClass] {
        const qint64 changed = job->doneCount() - job->unchangedCount();
        m_err << changed << (changed == 1 ? " object changed to " : " objects changed to ") << escapeControlCharacters(storageClass);
        if (job->unchangedCount() > 0)
            m_err << ", " << job->unchangedCount() << " already " << escapeControlCharacters(storageClass);
        m_err << Qt::endl;
        if (job->hasError())
            return failWith(job->error());
        done(ExitOk);
    });
    job->start();
}

void CliApp::commandRestore()
{
    const QString usage = u"restore s3://BUCKET/KEY [--days N] [--tier Standard|Bulk|Expedited] [--version-id ID]"_s;
    QString daysText = u"1"_s;
    QString tier = u"Standard"_s;
    QString versionId;
    if (!takeValue(u"--days"_s, &daysText) || !takeValue(u"--tier"_s, &tier) || !takeValue(u"--version-id"_s, &versionId)
        || !expectPositionals(1, usage))
        return;
    bool ok = false;
    const int days = daysText.toInt(&ok);
    if (!ok || days < restore::MinDays || days > restore::MaxDays)
        return usageError(u"--days takes %1 ... %2 (how long the restored copy stays), not '%3'"_s.arg(restore::MinDays).arg(restore::MaxDays).arg(daysText));
    // Tiers are spelt as S3 spells them; any case is accepted on the command line.
    for (const QString &known : restore::tiers()) {
        if (known.compare(tier, Qt::CaseInsensitive) == 0)
            tier = known;
    }
    if (!restore::tiers().contains(tier))
        return usageError(u"--tier takes %1, not '%2'"_s.arg(restore::tiers().join(u", "_s), tier));
    Result<S3Uri> uri = parseS3Uri(m_positionals.first());
    if (!uri)
        return usageError(uri.error().message());
    if (uri->key.isEmpty())
        return usageError(u"restore needs s3://BUCKET/KEY, not just a bucket"_s);
    auto *job = new RestoreObjectJob(m_client.get(), uri->bucket, uri->key, days, tier, this);
    job->setVersionId(versionId);
    connect(job, &Job::finished, this, [this, job, days, tier, target = m_positionals.first()] {
        if (job->hasError())
            return failWith(job->error());
        if (job->wasAlreadyRestored())
            m_out << "restore: " << escapeControlCharacters(target) << " is restored already; it now stays " << days
                  << (days == 1 ? " day" : " days") << Qt::endl;
        else
            m_out << "restore: started for " << escapeControlCharacters(target) << " (" << tier << " tier, kept " << days
                  << (days == 1 ? " day" : " days") << " once done; 'stat' shows the progress)" << Qt::endl;
        done(ExitOk);
    });
    job->start();
}

} // namespace s3cli
