// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>

class QComboBox;
class QSpinBox;

namespace s3ui {

/**
 * Asks how to restore archived objects (GLACIER, DEEP_ARCHIVE): how many days the restored copy stays and the
 * retrieval tier (Standard, Bulk, Expedited). The question names the count; the Restore button accepts.
 */
class RestoreDialog final : public QDialog
{
    Q_OBJECT
public:
    RestoreDialog(const QString &what, QWidget *parent = nullptr);
    int days() const;
    QString tier() const;

private:
    QSpinBox *m_days = nullptr;
    QComboBox *m_tier = nullptr;
};

} // namespace s3ui
