"""The QR inbox: saved group-code images dropped in qr/inbox/ → the matching lines of campaigns.yml.

`folder` finds what is waiting (cheap: no image library is imported for an empty or missing inbox);
`reading` reads one image (the join link, and with the `ocr` extra the group name and valid-until date
through `ocr`; else the file name through `filenames`); `matching` finds the group; `dates` turns the
printed day into the time written; `yamledit` edits only the lines concerned, by the loader's node
positions; `refresh` puts it together all or nothing; `result` is what a run did, as JSON for
`qunma notify`; `gitcommit` is CI's bot commit.

May import: generator.errors, generator.messages, generator.model, generator.common, generator.input (the
loader validates the edited file; node positions; what a join link is) and generator.qr (decoding).
"""
