"""Character classes for the patterns that read names: [A-Z] misses "Šimonytė", "Łukasz",
"Ž. Gedvilas" and every name in another script.

`UPPER` is a regex class of the capital letters of the Basic Multilingual Plane (title-case
letters such as "ǅ" included), built from Python's own `str.isupper`, so it is the same on
every machine with the pinned Python.
"""


def _class_of(codes):
    """A regex character class holding the characters of the sorted code points `codes`."""
    ranges = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[" + "".join(chr(low) if low == high else f"{chr(low)}-{chr(high)}"
                         for low, high in ranges) + "]"


UPPER = _class_of([code for code in range(0x10000)
                   if chr(code).isupper() or chr(code).istitle()])
