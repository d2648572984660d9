// SPDX-License-Identifier: Apache-2.0
// Build tool: renders the SVG app icon into square PNGs for the hicolor icon theme (software centres and desktops
// that do not scale SVG). Qt's own SVG renderer (qt6-svg is a dependency already), so no new build package.
//   s3desk-rendericon <in.svg> <size> <out.png>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <QTextStream>

int main(int argc, char *argv[])
{
    // A build machine has no display: the offscreen platform is enough for painting into an image.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    QTextStream err(stderr);
    bool sizeOk = false;
    const int size = args.size() == 4 ? args.at(2).toInt(&sizeOk) : 0;
    if (!sizeOk || size < 16 || size > 1024) {
        err << "usage: s3desk-rendericon <in.svg> <size 16..1024> <out.png>" << Qt::endl;
        return 2;
    }
    QSvgRenderer renderer(args.at(1));
    if (!renderer.isValid()) {
        err << "s3desk-rendericon: cannot read " << args.at(1) << Qt::endl;
        return 1;
    }
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter, QRectF(0, 0, size, size));
    painter.end();
    if (!image.save(args.at(3), "PNG")) {
        err << "s3desk-rendericon: cannot write " << args.at(3) << Qt::endl;
        return 1;
    }
    return 0;
}
