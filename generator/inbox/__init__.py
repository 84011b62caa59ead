"""The QR inbox: saved group-code images dropped in qr/inbox/ → the matching lines of campaigns.yml.

`folder` finds what is waiting (cheap: no image library is imported for an empty or missing inbox);
`reading` reads one image (the join link; with the `ocr` extra, the text on it through `ocr`, which
`cardtext` turns into the group name and the last valid day); `decide` finds its group (`matching`: by
the name read, else by the file name) and day (`dates`: the year, the earliest moment); `placing` names
the image's place under qr/ and a new group's id; `yamledit` edits only the lines concerned, by the
loader's node positions; `plan` works it all out without changing anything and `refresh` applies it, all
or nothing; `report` says it; `result` is what a run did, as JSON for `qunma notify`; `gitcommit` is CI's
bot commit.

May import: generator.errors, generator.messages, generator.model, generator.common, generator.input (the
loader validates the edited file; node positions; what a join link is) and generator.qr (decoding).
"""
