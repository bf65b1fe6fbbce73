"""What makes the book and the workshop.

The numbers the chapters quote (:mod:`~childinfo.course.chapter_figures`), the labs' exercise
checks (:mod:`~childinfo.course.checks`) and quizzes (:mod:`~childinfo.course.quiz`), the
renderer that keeps charts live on the static site (:mod:`~childinfo.course.display`), the
Sphinx extension (:mod:`~childinfo.course.site`), and the trainer's downloads (the workshop
pack, handouts and kit). Nothing here is imported by :mod:`childinfo.toolkit` or
:mod:`childinfo.synth`: see ``ARCHITECTURE.md``.
"""
