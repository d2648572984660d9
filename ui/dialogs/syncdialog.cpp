// SPDX-License-Identifier: Apache-2.0
#include "dialogs/syncdialog.h"

#include <QAbstractItemModel>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableView>
#include <QVBoxLayout>

#include "models/syncplanmodel.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

SyncDialog::SyncDialog(const QString &bucket, const QString &prefix, const QString &localFolder, QWidget *parent)
    : QDialog(parent), m_bucket(bucket), m_prefix(prefix), m_folder(new QLineEdit(localFolder, this)),
      m_direction(new QComboBox(this)), m_compare(new QComboBox(this)),
      m_delete(new QCheckBox(tr("Delete files that are not in the source"), this)), m_deleteWarning(new QLabel(this)),
      m_exclude(new QLineEdit(this)), m_showSkipped(new QCheckBox(tr("Show unchanged and skipped files"), this)),
      m_table(new QTableView(this)), m_summary(new QLabel(this)), m_status(new QLabel(this)),
      m_preview(new QPushButton(tr("&Preview"), this)), m_run(new QPushButton(tr("&Run"), this)),
      m_stop(new QPushButton(tr("&Stop"), this)), m_close(new QPushButton(tr("Close"), this))
{
    setObjectName(u"syncDialog"_s);
    setWindowTitle(tr("Synchronize s3://%1/%2").arg(bucket, prefix));
    m_folder->setObjectName(u"syncFolder"_s);
    m_direction->setObjectName(u"syncDirection"_s);
    m_compare->setObjectName(u"syncCompare"_s);
    m_delete->setObjectName(u"syncDelete"_s);
    m_deleteWarning->setObjectName(u"syncDeleteWarning"_s);
    m_exclude->setObjectName(u"syncExclude"_s);
    m_showSkipped->setObjectName(u"syncShowSkipped"_s);
    m_table->setObjectName(u"syncTable"_s);
    m_summary->setObjectName(u"syncSummary"_s);
    m_status->setObjectName(u"syncStatus"_s);
    m_preview->setObjectName(u"syncPreview"_s);
    m_run->setObjectName(u"syncRun"_s);
    m_stop->setObjectName(u"syncStop"_s);

    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    m_direction->addItem(tr("Upload: local folder → S3"), int(s3::SyncDirection::LocalToS3));
    m_direction->addItem(tr("Download: S3 → local folder"), int(s3::SyncDirection::S3ToLocal));
    m_compare->addItem(tr("Size and modification time"), false);
    m_compare->addItem(tr("Checksum (MD5) where the ETag is one, else size and time"), true);
    m_exclude->setPlaceholderText(tr("e.g. *.tmp; .git/*"));
    m_exclude->setToolTip(tr("Patterns separated by ';', matched against the path relative to the folder: * (also across "
                             "'/'), ? and [set]. An excluded file is neither transferred nor deleted."));
    m_deleteWarning->setWordWrap(true);
    m_deleteWarning->setStyleSheet(u"color: #b00020"_s);
    m_summary->setWordWrap(true);
    m_status->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("S3:"), new QLabel(u"s3://%1/%2"_s.arg(bucket, prefix), this));
    form->addRow(tr("Local folder:"), folderRow);
    form->addRow(tr("Direction:"), m_direction);
    form->addRow(tr("Compare by:"), m_compare);
    form->addRow(tr("Exclude:"), m_exclude);
    form->addRow(QString(), m_delete);
    form->addRow(QString(), m_deleteWarning);

    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_preview, QDialogButtonBox::ActionRole);
    buttons->addButton(m_run, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_stop, QDialogButtonBox::ActionRole);
    buttons->addButton(m_close, QDialogButtonBox::RejectRole);
    m_preview->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_showSkipped);
    layout->addWidget(m_summary);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(820, 560);

    connect(browse, &QPushButton::clicked, this, &SyncDialog::chooseFolder);
    connect(m_preview, &QPushButton::clicked, this, &SyncDialog::previewRequested);
    connect(m_run, &QPushButton::clicked, this, &SyncDialog::runRequested);
    connect(m_stop, &QPushButton::clicked, this, &SyncDialog::stopRequested);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_showSkipped, &QCheckBox::toggled, this, &SyncDialog::showSkippedChanged);
    connect(m_folder, &QLineEdit::textChanged, this, &SyncDialog::fieldsChanged);
    connect(m_exclude, &QLineEdit::textChanged, this, &SyncDialog::fieldsChanged);
    connect(m_direction, &QComboBox::currentIndexChanged, this, &SyncDialog::fieldsChanged);
    connect(m_compare, &QComboBox::currentIndexChanged, this, &SyncDialog::fieldsChanged);
    connect(m_delete, &QCheckBox::toggled, this, &SyncDialog::fieldsChanged);
    updateDeleteWarning();
    setPhase(Phase::Editing);
}

SyncDialog::~SyncDialog() = default;

SyncRequest SyncDialog::request() const
{
    SyncRequest request;
    request.localFolder = m_folder->text().trimmed();
    request.direction = s3::SyncDirection(m_direction->currentData().toInt());
    request.compareChecksum = m_compare->currentData().toBool();
    request.deleteExtra = m_delete->isChecked();
    for (const QString &glob : m_exclude->text().split(u';', Qt::SkipEmptyParts)) {
        if (!glob.trimmed().isEmpty())
            request.excludes.append(glob.trimmed());
    }
    return request;
}

void SyncDialog::setRequest(const SyncRequest &request)
{
    m_folder->setText(request.localFolder);
    m_direction->setCurrentIndex(m_direction->findData(int(request.direction)));
    m_compare->setCurrentIndex(m_compare->findData(request.compareChecksum));
    m_delete->setChecked(request.deleteExtra);
    m_exclude->setText(request.excludes.join(u"; "_s));
}

void SyncDialog::setModel(QAbstractItemModel *model)
{
    m_table->setModel(model);
    m_table->setColumnWidth(SyncPlanModel::ActionColumn, 90);
    m_table->setColumnWidth(SyncPlanModel::PathColumn, 340);
    m_table->setColumnWidth(SyncPlanModel::SizeColumn, 90);
}

void SyncDialog::setPhase(Phase phase, bool canRun)
{
    m_phase = phase;
    const bool busy = phase == Phase::Previewing || phase == Phase::Running;
    for (QWidget *field : std::initializer_list<QWidget *>{m_folder, m_direction, m_compare, m_delete, m_exclude})
        field->setEnabled(!busy);
    m_preview->setEnabled(!busy);
    m_run->setEnabled(phase == Phase::Previewed && canRun);
    m_stop->setEnabled(busy);
}

void SyncDialog::setSummary(const QString &text)
{
    m_summary->setText(text);
}

void SyncDialog::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? u"color: #b00020"_s : QString());
}

void SyncDialog::chooseFolder()
{
    // Not the static getExistingDirectory(): that runs a nested event loop.
    auto *chooser = new QFileDialog(this, tr("Local folder to synchronize"), m_folder->text());
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setFileMode(QFileDialog::Directory);
    chooser->setOption(QFileDialog::ShowDirsOnly);
    connect(chooser, &QFileDialog::fileSelected, this, [this](const QString &folder) { m_folder->setText(QDir::toNativeSeparators(folder)); });
    chooser->open();
}

void SyncDialog::fieldsChanged()
{
    updateDeleteWarning();
    if (m_phase == Phase::Previewed) {
        setPhase(Phase::Editing);
        Q_EMIT requestChanged();
    }
}

void SyncDialog::updateDeleteWarning()
{
    const bool upload = m_direction->currentData().toInt() == int(s3::SyncDirection::LocalToS3);
    m_deleteWarning->setVisible(m_delete->isChecked());
    m_deleteWarning->setText(upload ? tr("Objects below s3://%1/%2 that are not in the local folder will be deleted.").arg(m_bucket, m_prefix)
                                    : tr("Files in the local folder that are not below s3://%1/%2 will be deleted.").arg(m_bucket, m_prefix));
}

} // namespace s3ui
