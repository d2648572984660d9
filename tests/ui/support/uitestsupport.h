// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <optional>

#include <QDebug>
#include <QList>
#include <QMessageBox>
#include <QString>
#include <QWidget>

#include "connection/session.h"
#include "fakes3server.h"
#include "livetest.h"
#include "s3core/auth/credentials.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/transfer/transferengine.h"

/*
 * Shared set-up of the GUI tests (library s3desk_uitestsupport, on top of s3desk_testsupport): sessions and
 * transfer engines on the in-process fake server or the live Ceph RGW, test objects, faults, widget look-ups.
 * Everything here only builds or waits; what a test asserts stays in the test.
 */

// --- Connections --------------------------------------------------------------------------------------------

/** Static credentials without a session token. */
s3::Credentials staticCredentials(const QString &accessKeyId, const QString &secretAccessKey);

/** The fixed keys that fakeServerClient() uses too (the fake server does not check signatures). */
s3::Credentials fakeCredentials();

/**
 * Resolves a path-style endpoint with these static credentials (none: anonymous); a bad URL is the resolver's
 * error. Each call makes a new credentials provider, as a real resolver does on each thread.
 */
s3ui::ConnectionResolver staticResolver(const QString &endpointUrl, const QString &region,
                                        const std::optional<s3::Credentials> &credentials);

/** The in-process fake server at endpointUrl, region us-east-1, with fakeCredentials() unless told otherwise. */
s3ui::ConnectionResolver fakeResolver(const QString &endpointUrl,
                                      const std::optional<s3::Credentials> &credentials = fakeCredentials());

/** The live server as its first user, at endpointUrl (empty: the server's own; or a proxy in front of it). */
s3ui::ConnectionResolver liveResolver(const LiveServer &server, const QString &endpointUrl = {});

/** A connection "Fake S3" to the fake server (fakeResolver()), opening `bucket` directly when given. */
s3ui::SessionConfig fakeSessionConfig(const QString &endpointUrl, const QString &bucket = {},
                                      const QString &id = QStringLiteral("fake"));

/** A connection "Ceph RGW" to the live server as its first user (liveResolver()), opening `bucket` when given. */
s3ui::SessionConfig liveSessionConfig(const LiveServer &server, const QString &bucket = {},
                                      const QString &id = QStringLiteral("live"));

/**
 * A connection "Ceph RGW (https)" to the live server's TLS endpoint (S3_TLS_ENDPOINT) as its first user, trusting
 * its CA (S3_TLS_CA): SSE-C needs TLS on Ceph. Check S3DESK_REQUIRE_LIVE_TLS first.
 */
s3ui::SessionConfig liveTlsSessionConfig(const LiveServer &server, const QString &bucket = {},
                                         const QString &id = QStringLiteral("live-tls"));

/** A client of the live server's TLS endpoint as its first user, trusting its CA; null (with a warning) if not. */
std::unique_ptr<s3::S3Client> liveTlsClient(const LiveServer &server, QNetworkAccessManager *network);

/** Session::open(); null, with a warning naming the error, when it fails. */
std::unique_ptr<s3ui::Session> openTestSession(s3ui::SessionConfig config);

/** What a TransferEngine or TransferQueue needs, from `resolver` (with `network` for the providers that fetch). */
s3::Result<s3::ClientSettings> clientSettingsFor(const s3ui::ConnectionResolver &resolver, int transferTimeoutMs,
                                                 QNetworkAccessManager *network = nullptr);

/**
 * A TransferEngine whose settings come from `resolver` (resolved on the engine's thread, as Session does),
 * with this transfer timeout; persistencePath empty: no queue file.
 */
std::unique_ptr<s3::TransferEngine> transferEngineFor(s3ui::ConnectionResolver resolver, int transferTimeoutMs,
                                                      s3::TransferLimits limits = {},
                                                      const QString &persistencePath = {});

/** A loopback port nothing listens on (it was free a moment ago): connecting there is refused. */
quint16 closedLocalPort();

// --- Objects and files --------------------------------------------------------------------------------------

/** PUTs the object; false, with a warning naming the error, when it fails. */
bool putTestObject(s3::S3Client *client, const QString &bucket, const QString &key, const QByteArray &data,
                   const s3::ObjectAttributes &attributes = {}, int timeoutMs = 60000);

/** True when HeadObject finds the object. */
bool testObjectExists(s3::S3Client *client, const QString &bucket, const QString &key, int timeoutMs = 60000);

/**
 * Starts a multipart upload and stores parts of these sizes (random bytes, part number as the seed); returns the
 * upload id, or an empty string (with a warning) when a step fails.
 */
QString startTestMultipartUpload(s3::S3Client *client, const QString &bucket, const QString &key,
                                 const QList<qint64> &partSizes, int timeoutMs = 60000);

/** Writes the file (replacing it); returns its path, or an empty string (with a warning) when that fails. */
QString writeTestFile(const QString &path, const QByteArray &data);

// --- Fake server faults -------------------------------------------------------------------------------------

/** A canned S3 error answer to `operation` (once), for keys containing keyContains (empty: any). */
FakeS3Fault errorFault(const QString &operation, int status, const QString &code, const QString &keyContains = {});

/** Every `operation` waits delayMs before it answers (forever, until the faults are cleared). */
FakeS3Fault delayFault(const QString &operation, int delayMs);

// --- Widgets ------------------------------------------------------------------------------------------------

/** The child widget of that object name, or null with a warning (the test's next check then fails). */
template<typename T>
T *child(QWidget &parent, const char *name)
{
    T *widget = parent.findChild<T *>(QString::fromLatin1(name));
    if (!widget)
        qWarning() << "no child" << name;
    return widget;
}

/**
 * Waits (at most timeoutMs) for a visible child of that object name. A dialog or message box closed a moment
 * ago may still exist (it deletes itself later): only a visible one counts. Null when none appeared.
 */
template<typename T>
T *waitForVisibleChild(QObject *parent, const QString &objectName, int timeoutMs)
{
    T *found = nullptr;
    waitUntil([&] {
        for (T *candidate : parent->findChildren<T *>(objectName)) {
            if (candidate->isVisible())
                found = candidate;
        }
        return found != nullptr;
    }, timeoutMs);
    return found;
}

/** The message box's button with exactly this text, or null. */
QAbstractButton *messageBoxButton(QMessageBox *box, const QString &text);
