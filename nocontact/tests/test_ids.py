import re

from nocontact.ids import new_public_id


def test_public_ids_never_start_with_a_dash_so_the_command_line_takes_them_as_values():
    ids = [new_public_id() for _ in range(5000)]  # about 78 would start with "-" if nothing prevented it
    assert not [i for i in ids if i.startswith("-")]
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{12}", i) for i in ids)
    assert len(set(ids)) == len(ids)
