// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QFrame>
#include <QImage>
#include <QPointer>
#include <QTimer>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace s3ui {

class ScaledImageLabel;

/**
 * The Quick look pane beside the browser's table: the name of the object, a note ("Showing the first 1.00 MiB of
 * 40.0 MiB (UTF-8)") and one of: a message (loading, an error with its S3 code, an SSE-C object, a folder), the
 * text (read-only, monospace, no wrapping), the image (scaled to fit, never enlarged) or the hex view. It only
 * shows: QuickLookController decides what and fetches it.
 */
class QuickLookPane final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuickLookPane)
public:
    enum class Page { Message, Text, Image, Hex };

    explicit QuickLookPane(QWidget *parent = nullptr);
    ~QuickLookPane() override;

    void showMessage(const QString &title, const QString &message, bool offerKey = false);
    void showText(const QString &title, const QString &text, const QString &note);
    /** `image` may be a reduced copy; originalSize is the image's own size (named in the note by the caller). */
    void showImage(const QString &title, const QImage &image, const QSize &originalSize, const QString &note);
    void showHex(const QString &title, const QString &dump, const QString &note);

    Page page() const { return m_page; }
    QString title() const;
    QString note() const;
    QString message() const;
    /** The text or hex view's content. */
    QString text() const;
    /** The size of the image shown (its own size, not the scaled one); invalid when none. */
    QSize imageSize() const { return m_imageSize; }
    /** The text or hex view is still being filled (a slice per event-loop turn, see FillChunk). */
    bool isFilling() const { return !m_pending.isEmpty(); }
    /**
     * Characters put into the text or hex view per event-loop turn. A megabyte at once kept the GUI thread busy
     * for about 280 ms here (QPlainTextEdit builds a block per line); slices keep each turn short and the pane
     * shows the first lines at once.
     */
    static constexpr qsizetype FillChunk = 64 * 1024;
    /** The button offering to enter an SSE-C key (shown with showMessage(..., offerKey = true)). */
    QPushButton *keyButton() const { return m_keyButton; }

Q_SIGNALS:
    void closeRequested();
    /** "Enter key…" was clicked on the message of an SSE-C object. */
    void keyRequested();

private:
    void setHeader(const QString &title, const QString &note);
    void startFilling(QPlainTextEdit *edit, const QString &text);
    void fillSome();

    QLabel *m_title;
    QLabel *m_note;
    QStackedWidget *m_stack;
    QLabel *m_message;
    QPushButton *m_keyButton;
    QPlainTextEdit *m_text;
    ScaledImageLabel *m_image;
    QPlainTextEdit *m_hex;
    Page m_page = Page::Message;
    QSize m_imageSize;
    QPointer<QPlainTextEdit> m_filling; ///< the view being filled
    QString m_pending;                  ///< its text
    qsizetype m_filled = 0;             ///< characters of m_pending already in it
    QTimer m_fillTimer;
};

} // namespace s3ui
