// SPDX-License-Identifier: Apache-2.0
#include "s3core/auth/refreshingcredentialsprovider.h"

#include <algorithm>
#include <utility>

#include "s3core/logging.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

namespace {

// After a failed background refresh the old keys are answered without a new try for this long, so a caller
// resolving for every request does not start a fetch for each.
constexpr qint64 RetryAfterFailureSeconds = 5;

} // namespace

RefreshingCredentialsProvider::RefreshingCredentialsProvider(Clock clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock ? std::move(clock) : systemClock())
{
}

RefreshingCredentialsProvider::~RefreshingCredentialsProvider()
{
    // Pending callbacks are dropped: whoever destroys the provider is done with its answers.
    m_pending.clear();
}

RefreshingCredentialsProvider::Margins RefreshingCredentialsProvider::margins() const
{
    Margins m{AdvisoryRefreshSeconds, MandatoryRefreshSeconds};
    if (m_fetchedAt.isValid() && m_cached.expiry.isValid()) {
        const qint64 lifetime = m_fetchedAt.secsTo(m_cached.expiry);
        m.advisory = std::min(m.advisory, std::max<qint64>(lifetime / 2, 0));
        m.mandatory = std::min(m.mandatory, std::max<qint64>(lifetime / 3, 0));
    }
    return m;
}

void RefreshingCredentialsProvider::resolve(QObject *context, Callback callback)
{
    const QDateTime current = now();
    if (m_cached.isComplete()) {
        if (!m_cached.expiry.isValid()) {
            callback(m_cached);
            return;
        }
        const Margins m = margins();
        const qint64 left = current.secsTo(m_cached.expiry);
        if (left > m.advisory) {
            callback(m_cached);
            return;
        }
        if (left > m.mandatory) {
            const bool recentlyFailed = m_lastFailureAt.isValid() && m_lastFailureAt.secsTo(current) < RetryAfterFailureSeconds;
            if (!m_fetching && !recentlyFailed) {
                qCDebug(lcS3Auth).noquote() << name() << "credentials" << m_cached.accessKeyId << "expire in" << left
                                            << "s: refreshing in the background";
                startFetch();
            }
            callback(m_cached);
            return;
        }
    }
    m_pending.push_back(Pending{QPointer<QObject>(context ? context : this), std::move(callback)});
    if (!m_fetching)
        startFetch();
}

void RefreshingCredentialsProvider::invalidate()
{
    m_cached = Credentials();
    m_fetchedAt = QDateTime();
    m_lastFailureAt = QDateTime();
}

void RefreshingCredentialsProvider::startFetch()
{
    m_fetching = true;
    const int generation = ++*m_generation;
    const std::weak_ptr<int> token = m_generation;
    fetch([this, token, generation](const Result<Credentials> &result) {
        const std::shared_ptr<int> alive = token.lock();
        if (!alive || *alive != generation)
            return;
        finishFetch(result);
    });
}

void RefreshingCredentialsProvider::finishFetch(const Result<Credentials> &result)
{
    m_fetching = false;
    const QDateTime current = now();
    if (result && result->isComplete()) {
        m_cached = *result;
        m_fetchedAt = current;
        if (m_lifetimeCapSeconds > 0) {
            const QDateTime capped = current.addSecs(m_lifetimeCapSeconds);
            if (!m_cached.expiry.isValid() || capped < m_cached.expiry)
                m_cached.expiry = capped;
        }
        m_lastFailureAt = QDateTime();
        ++m_fetchCount;
        qCDebug(lcS3Auth).noquote() << name() << "fetched credentials" << m_cached.accessKeyId
                                    << (m_cached.expiry.isValid() ? u"expiring "_s + m_cached.expiry.toString(Qt::ISODate)
                                                                  : u"without expiry"_s);
    } else {
        m_lastFailureAt = current;
    }

    S3Error error;
    if (!result) {
        error = result.error();
    } else if (!result->isComplete()) {
        error = S3Error(S3Error::Kind::Auth, name() + u": incomplete credentials (no access key id or secret)"_s);
    }
    if (error.isError()) {
        if (m_cached.isComplete() && m_cached.expiry.isValid()) {
            const qint64 left = current.secsTo(m_cached.expiry);
            if (left > margins().mandatory) {
                // Advisory window: the old keys are still good for a while.
                qCWarning(lcS3Auth).noquote() << name() + u": refreshing credentials failed, the current ones expire in"_s
                                              << left << "s:" << error.message();
            } else {
                error.setMessage(error.message()
                                 + (left > 0 ? u" (the current credentials expire in %1 s)"_s.arg(left)
                                             : u" (the current credentials have expired)"_s));
            }
        }
    }

    std::vector<Pending> pending;
    pending.swap(m_pending);
    for (Pending &p : pending) {
        if (p.context.isNull())
            continue;
        if (error.isError()) {
            // A waiting caller is inside the mandatory window (or has nothing): it gets the error unless the old
            // keys are still outside the mandatory margin (a refresh after invalidate() raced a cache hit).
            p.callback(error);
        } else {
            p.callback(m_cached);
        }
    }
}

} // namespace s3
