// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <utility>

#include <QSslConfiguration>
#include <QString>

/**
 * A test CA and a certificate for 127.0.0.1 signed by it, made with openssl (EC keys) in `folder`:
 * {path of the CA's PEM file, a server TLS configuration with the certificate and key}; nullopt when openssl
 * fails (its output is logged). For fakes that must be trusted through a connection's ca_bundle only.
 */
std::optional<std::pair<QString, QSslConfiguration>> makeTestTls(const QString &folder);
