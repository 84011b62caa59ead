"""QR codes: link → symbol (data, matrix) → PNG (image), image → links (image, through zxing-cpp), and the
cache of rendered codes kept between builds (cache).

May import: generator.errors, generator.messages and generator.common only.
"""
