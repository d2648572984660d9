// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

/**
 * One row of docs/reliability.md: a hostile or unusual input, what S3Desk must do with it, what the test saw,
 * and whether the user's data stayed intact. Tests call recordReliabilityCase() right after the assertions that
 * prove the row, so a failing assertion never records a row; scripts/reliability-report.sh runs the tests with
 * S3DESK_RELIABILITY_LOG set and turns the lines into the table. Without the variable nothing is written.
 */
struct ReliabilityCase
{
    QString area;     ///< "Local names", "Server answers", "Secrets, files and terminal", "Bulk data"
    QString input;    ///< the hostile input, e.g. "keys `x` and `x.s3desk-part` downloaded into one folder"
    QString expected; ///< e.g. "both files byte-identical"
    QString observed; ///< what the test checked, in words, with the values it saw where they matter
    bool dataIntact = true;
    QString server = QStringLiteral("fake"); ///< "Ceph RGW" when the case ran against the real server
};

/** Appends the case as one JSON line (plus the test's name) to $S3DESK_RELIABILITY_LOG, when set. */
void recordReliabilityCase(const ReliabilityCase &row);
