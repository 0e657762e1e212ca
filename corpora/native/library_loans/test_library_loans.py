import pytest

from library_loans import Book, Catalog, Library, LibraryError, Loan, Member, Registry


def make_library():
    catalog = Catalog()
    catalog.add(Book("111", "Dune", "Frank Herbert", copies=2))
    catalog.add(Book("222", "Emma", "Jane Austen"))
    catalog.add(Book("333", "Persuasion", "Jane Austen"))
    registry = Registry()
    registry.register("ann")             # 1
    registry.register("ben", loan_limit=1)  # 2
    registry.register("cat")             # 3
    return Library(catalog, registry)


# ---- catalog --------------------------------------------------------------

def test_catalog_add_and_get():
    cat = Catalog()
    book = cat.add(Book("1", "T", "A", 3))
    assert cat.get("1") is book


def test_catalog_rejects_duplicate_and_zero_copies():
    cat = Catalog()
    cat.add(Book("1", "T", "A"))
    with pytest.raises(LibraryError, match="already"):
        cat.add(Book("1", "X", "Y"))
    with pytest.raises(LibraryError, match="at least one"):
        cat.add(Book("2", "T", "A", 0))


def test_catalog_add_copies():
    cat = Catalog()
    cat.add(Book("1", "T", "A", 2))
    assert cat.add_copies("1", 3) == 5
    assert cat.add_copies("1", 1) == 6
    with pytest.raises(LibraryError):
        cat.add_copies("1", 0)


def test_catalog_unknown_isbn():
    with pytest.raises(LibraryError, match="unknown isbn 9"):
        Catalog().get("9")


def test_catalog_search_by_author_sorted_by_title():
    lib = make_library()
    assert lib.catalog.search("austen") == ["222", "333"]
    assert lib.catalog.search("  DUNE ") == ["111"]


def test_catalog_search_empty_and_no_match():
    lib = make_library()
    assert lib.catalog.search("") == []
    assert lib.catalog.search("tolkien") == []


# ---- members --------------------------------------------------------------

def test_registry_assigns_ids():
    reg = Registry()
    a = reg.register("a")
    b = reg.register("b", loan_limit=5)
    assert (a.member_id, b.member_id) == (1, 2)
    assert b.loan_limit == 5
    assert a.loan_limit == 3
    assert Member(9, "z").loan_limit == 3
    assert Member(9, "z").fees == 0
    assert reg.get(2) is b


def test_registry_rejects_bad_limit_and_unknown():
    reg = Registry()
    with pytest.raises(LibraryError):
        reg.register("x", loan_limit=0)
    with pytest.raises(LibraryError, match="unknown member 7"):
        reg.get(7)


def test_member_charge_and_pay():
    m = Member(1, "m")
    assert m.charge(300) == 300
    assert m.charge(0) == 300
    assert m.pay(100) == 200
    assert m.pay(1) == 199
    assert m.pay(199) == 0


@pytest.mark.parametrize("amount", [0, -1, 301])
def test_member_bad_payments(amount):
    m = Member(1, "m", fees=300)
    with pytest.raises(LibraryError):
        m.pay(amount)


def test_member_negative_charge():
    with pytest.raises(LibraryError):
        Member(1, "m").charge(-1)


def test_debtors():
    reg = Registry()
    a, b, c = reg.register("a"), reg.register("b"), reg.register("c")
    a.charge(100)
    b.charge(300)
    c.charge(99)
    assert [m.member_id for m in reg.debtors(100)] == [2, 1]


# ---- loans ----------------------------------------------------------------

def test_loan_days_late():
    loan = Loan(1, "x", 0, 14)
    assert loan.days_late(14) == 0
    assert loan.days_late(10) == 0
    assert loan.days_late(17) == 3


@pytest.mark.parametrize("days,fee", [(0, 0), (1, 25), (39, 975), (40, 1000), (100, 1000)])
def test_late_fee(days, fee):
    assert Library.late_fee(days) == fee


def test_borrow_sets_due_date():
    lib = make_library()
    loan = lib.borrow(1, "111", today=10)
    assert (loan.start, loan.due, loan.renewals) == (10, 24, 0)
    assert lib.available("111") == 1
    assert lib.on_loan("111") == 1


def test_borrow_until_no_copies():
    lib = make_library()
    lib.borrow(1, "111", 0)
    lib.borrow(3, "111", 0)
    assert lib.available("111") == 0
    with pytest.raises(LibraryError, match="no copy of 111"):
        lib.borrow(2, "111", 0)


def test_borrow_respects_loan_limit():
    lib = make_library()
    lib.borrow(2, "111", 0)
    with pytest.raises(LibraryError, match="loan limit"):
        lib.borrow(2, "222", 0)


def test_borrow_same_book_twice_rejected():
    lib = make_library()
    lib.borrow(1, "111", 0)
    with pytest.raises(LibraryError, match="already has"):
        lib.borrow(1, "111", 0)


def test_fees_block_borrowing_at_threshold():
    lib = make_library()
    member = lib.registry.get(1)
    member.charge(499)
    lib.borrow(1, "222", 0)
    member.charge(1)
    with pytest.raises(LibraryError, match="fees"):
        lib.borrow(1, "333", 0)


def test_borrow_unknown_book():
    with pytest.raises(LibraryError, match="unknown isbn"):
        make_library().borrow(1, "999", 0)


def test_return_on_time_no_fee():
    lib = make_library()
    lib.borrow(1, "222", 0)
    assert lib.return_book(1, "222", 14) == 0
    assert lib.registry.get(1).fees == 0
    assert lib.available("222") == 1


def test_return_late_charges_fee():
    lib = make_library()
    lib.borrow(1, "222", 0)
    assert lib.return_book(1, "222", 18) == 100
    assert lib.registry.get(1).fees == 100
    assert lib.loans == []


def test_return_unknown_loan():
    with pytest.raises(LibraryError, match="has not borrowed"):
        make_library().return_book(1, "222", 0)


def test_find_loan_needs_member_and_book_to_match():
    lib = make_library()
    lib.borrow(1, "111", 0)
    lib.borrow(3, "222", 0)
    with pytest.raises(LibraryError, match="member 1 has not borrowed 222"):
        lib.find_loan(1, "222")
    with pytest.raises(LibraryError):
        lib.return_book(3, "111", 1)
    assert lib.find_loan(3, "222").member_id == 3


def test_default_loan_limit_is_three():
    lib = make_library()
    for isbn in ("111", "222", "333"):
        lib.borrow(1, isbn, 0)
    lib.catalog.add(Book("444", "Ulysses", "James Joyce"))
    with pytest.raises(LibraryError, match="loan limit"):
        lib.borrow(1, "444", 0)


def test_loans_of_member():
    lib = make_library()
    lib.borrow(1, "111", 0)
    lib.borrow(3, "222", 0)
    lib.borrow(1, "333", 0)
    assert [loan.isbn for loan in lib.loans_of(1)] == ["111", "333"]


def test_renew_extends_due_date():
    lib = make_library()
    lib.borrow(1, "222", 0)
    assert lib.renew(1, "222", 14) == 28
    assert lib.renew(1, "222", 20) == 42
    assert lib.find_loan(1, "222").renewals == 2


def test_renew_limit():
    lib = make_library()
    lib.borrow(1, "222", 0)
    lib.renew(1, "222", 1)
    lib.renew(1, "222", 2)
    with pytest.raises(LibraryError, match="renewal limit"):
        lib.renew(1, "222", 3)


def test_renew_overdue_rejected():
    lib = make_library()
    lib.borrow(1, "222", 0)
    with pytest.raises(LibraryError, match="overdue"):
        lib.renew(1, "222", 15)


def test_renew_blocked_by_reservation():
    lib = make_library()
    lib.borrow(1, "222", 0)
    lib.reserve(3, "222")
    with pytest.raises(LibraryError, match="reserved"):
        lib.renew(1, "222", 5)


def test_overdue_list_sorted():
    lib = make_library()
    lib.borrow(1, "222", 5)   # due 19
    lib.borrow(3, "111", 0)   # due 14
    lib.borrow(1, "111", 10)  # due 24
    assert [(ln.member_id, ln.isbn) for ln in lib.overdue(20)] == [(3, "111"), (1, "222")]
    assert lib.overdue(14) == []


# ---- reservations ---------------------------------------------------------

def test_reserve_requires_no_free_copy():
    lib = make_library()
    with pytest.raises(LibraryError, match="available"):
        lib.reserve(1, "222")


def test_reserve_queue_positions():
    lib = make_library()
    lib.borrow(2, "222", 0)
    assert lib.reserve(1, "222") == 1
    assert lib.reserve(3, "222") == 2
    with pytest.raises(LibraryError, match="already reserved"):
        lib.reserve(1, "222")


def test_reserve_own_loan_rejected():
    lib = make_library()
    lib.borrow(2, "222", 0)
    with pytest.raises(LibraryError, match="already has"):
        lib.reserve(2, "222")


def test_return_moves_copy_to_first_reserver():
    lib = make_library()
    lib.borrow(2, "222", 0)
    lib.reserve(1, "222")
    lib.reserve(3, "222")
    lib.return_book(2, "222", 3)
    assert lib.holds["222"] == [1]
    assert lib.queues["222"] == [3]
    assert lib.available("222") == 0
    with pytest.raises(LibraryError, match="no copy"):
        lib.borrow(3, "222", 4)
    loan = lib.borrow(1, "222", 4)
    assert loan.due == 18
    assert lib.holds["222"] == []


def test_holder_cannot_reserve_again():
    lib = make_library()
    lib.borrow(2, "222", 0)
    lib.reserve(1, "222")
    lib.return_book(2, "222", 1)
    with pytest.raises(LibraryError, match="already reserved"):
        lib.reserve(1, "222")


def test_cancel_reservation():
    lib = make_library()
    lib.borrow(2, "222", 0)
    lib.reserve(1, "222")
    lib.reserve(3, "222")
    lib.cancel_reservation(1, "222")
    assert lib.queues["222"] == [3]
    with pytest.raises(LibraryError, match="no such reservation"):
        lib.cancel_reservation(1, "222")


def test_cancel_reservation_unknown_book():
    with pytest.raises(LibraryError):
        make_library().cancel_reservation(1, "222")


def test_return_without_queue_frees_copy():
    lib = make_library()
    lib.borrow(2, "222", 0)
    lib.reserve(1, "222")
    lib.cancel_reservation(1, "222")
    lib.return_book(2, "222", 2)
    assert lib.holds.get("222") is None
    assert lib.available("222") == 1
