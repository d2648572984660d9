// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <vector>

#include <QDateTime>
#include <QObject>
#include <QPointer>

#include "s3core/auth/credentialsprovider.h"
#include "s3core/clock.h"
#include "s3core/s3core_export.h"

namespace s3 {

/**
 * Base of every source whose credentials expire (credential_process, assumed roles, web identity). It keeps the
 * last credentials and decides when to fetch new ones, the way botocore's RefreshableCredentials does:
 *  - more than the advisory margin (15 min) left: the cached keys are answered;
 *  - inside the advisory margin: the cached keys are answered at once and one refresh starts in the background;
 *    if it fails the old keys stay (a warning is logged) and the next try waits a few seconds;
 *  - inside the mandatory margin (10 min) or expired: callers wait for the refresh; if it fails they get its
 *    error, saying how long the old keys had left.
 * Credentials that live shorter than the margins (a 15-minute role session) get margins scaled to their
 * lifetime (advisory at half of it, mandatory at a third), so they are not fetched anew for every request.
 * Concurrent resolve() calls share one fetch. Time comes from the injected Clock.
 *
 * Threads: a provider lives on the thread that created it and is used only there (like every provider); the
 * app's transfer engine resolves its own chain on its worker thread. Sources that must not run twice for one
 * session (assumed roles, which may ask for an MFA code) share awscli's on-disk cache instead of a provider, so
 * a second thread finds the first one's session there.
 */
class S3CORE_EXPORT RefreshingCredentialsProvider : public QObject, public CredentialsProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefreshingCredentialsProvider)
public:
    static constexpr qint64 AdvisoryRefreshSeconds = 15 * 60;
    static constexpr qint64 MandatoryRefreshSeconds = 10 * 60;

    ~RefreshingCredentialsProvider() override;

    void resolve(QObject *context, Callback callback) override;
    void invalidate() override;

    /**
     * Treats every fetched set as expiring this many seconds after it was fetched (when that is sooner than
     * its real expiry). For tests and measurements that need rotations within seconds; 0 = off.
     */
    void setLifetimeCap(qint64 seconds) { m_lifetimeCapSeconds = seconds; }
    /** How many fetches have completed successfully (for tests and debug output). */
    int fetchCount() const { return m_fetchCount; }
    /** The cached credentials' expiry as this provider sees it (invalid: none cached or no expiry). */
    QDateTime expiry() const { return m_cached.expiry; }

protected:
    using FetchDone = std::function<void(const Result<Credentials> &)>;
    explicit RefreshingCredentialsProvider(Clock clock, QObject *parent = nullptr);

    /**
     * Gets fresh credentials and calls done exactly once, on this object's thread, synchronously or later;
     * never after this object is destroyed. Credentials without an expiry are kept until invalidate().
     */
    virtual void fetch(FetchDone done) = 0;
    /** Stops a fetch in flight (destruction): done must not be called afterwards. */
    virtual void cancelFetch() {}

    QDateTime now() const { return m_clock(); }
    const Clock &clock() const { return m_clock; }

private:
    struct Pending
    {
        QPointer<QObject> context;
        Callback callback;
    };
    struct Margins
    {
        qint64 advisory;
        qint64 mandatory;
    };
    Margins margins() const;
    void startFetch();
    void finishFetch(const Result<Credentials> &result);

    Clock m_clock;
    Credentials m_cached;
    QDateTime m_fetchedAt;
    bool m_fetching = false;
    std::vector<Pending> m_pending;
    QDateTime m_lastFailureAt;
    qint64 m_lifetimeCapSeconds = 0;
    int m_fetchCount = 0;
    std::shared_ptr<int> m_generation = std::make_shared<int>(0); // guards done callbacks of abandoned fetches
};

} // namespace s3
