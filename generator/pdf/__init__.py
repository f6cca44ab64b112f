"""The year's plan and its 汇编 (compilation) as PDF, made from the pages the site built.

``books`` decides which files a year gets (and splits a big 汇编 into volumes), ``printable``
turns a built page's HTML into a chapter of a book (no second renderer: the entries are the
HTML their pages show), ``engine`` lays the books out with WeasyPrint (CSS Paged Media) and
says, in Chinese, what the host lacks when it cannot.
"""
