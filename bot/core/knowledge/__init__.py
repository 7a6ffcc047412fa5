"""Knowledge: the article and faq.yaml loaded and validated, the version being served, hand-edit watching."""
