import pytest

from bank import Account, Bank, BankError, InsufficientFunds, Ledger, Statement, Transaction
from bank.ledger import signed_amount


def make_bank():
    bank = Bank()
    bank.open("A", "alice", balance=10000, overdraft_limit=5000, annual_rate_bp=600)
    bank.open("B", "bob", balance=2000)
    return bank


# ---- accounts -------------------------------------------------------------

def test_account_available_includes_overdraft():
    assert Account("1", "x", balance=300, overdraft_limit=200).available() == 500


def test_account_defaults():
    acc = Account("1", "x")
    assert (acc.balance, acc.overdraft_limit, acc.annual_rate_bp, acc.frozen) == (0, 0, 0, False)
    with pytest.raises(InsufficientFunds):
        acc.withdraw(1)
    assert Account("2", "y", balance=120000).monthly_interest() == 0


def test_tiny_positive_balance_earns_single_rate():
    # 1 * 90000 / 120000 = 0.75 -> 1 ; a doubled rate would give 1.5 -> 2
    assert Account("1", "x", balance=1, annual_rate_bp=90000).monthly_interest() == 1


def test_account_rejects_negative_overdraft():
    with pytest.raises(BankError):
        Account("1", "x", overdraft_limit=-1)


def test_account_opening_balance_within_overdraft():
    acc = Account("1", "x", balance=-200, overdraft_limit=200)
    assert acc.balance == -200
    with pytest.raises(BankError):
        Account("1", "x", balance=-201, overdraft_limit=200)


def test_deposit_increases_balance():
    acc = Account("1", "x", balance=100)
    assert acc.deposit(50) == 150


@pytest.mark.parametrize("amount", [0, -5])
def test_non_positive_amounts_rejected(amount):
    acc = Account("1", "x", balance=100)
    with pytest.raises(BankError, match="positive"):
        acc.deposit(amount)
    with pytest.raises(BankError, match="positive"):
        acc.withdraw(amount)


def test_withdraw_into_overdraft_up_to_limit():
    acc = Account("1", "x", balance=100, overdraft_limit=50)
    assert acc.withdraw(150) == -50
    with pytest.raises(InsufficientFunds, match="requested 1, available 0"):
        acc.withdraw(1)


def test_insufficient_funds_is_bank_error():
    acc = Account("1", "x", balance=10)
    with pytest.raises(BankError):
        acc.withdraw(11)
    assert acc.balance == 10


def test_frozen_account_rejects_operations():
    acc = Account("1", "x", balance=100)
    acc.frozen = True
    assert acc.can_withdraw(10) is False
    with pytest.raises(BankError, match="frozen"):
        acc.deposit(10)


@pytest.mark.parametrize("amount,expected", [(99, True), (100, True), (101, False)])
def test_can_withdraw_boundary(amount, expected):
    assert Account("1", "x", balance=60, overdraft_limit=40).can_withdraw(amount) is expected


@pytest.mark.parametrize(
    "balance,rate,expected",
    [
        (100000, 500, 417),     # 416.67 -> 417
        (120000, 100, 100),     # exact
        (6000, 100, 5),         # 5.0
        (6000, 110, 6),         # 5.5 rounds half up
        (5999, 110, 5),         # 5.499 rounds down
        (-12000, 100, -20),     # overdrawn pays double
        (-6000, 110, -11),
        (0, 500, 0),
        (5000, 0, 0),
    ],
)
def test_monthly_interest(balance, rate, expected):
    acc = Account("1", "x", balance=balance, overdraft_limit=20000, annual_rate_bp=rate)
    assert acc.monthly_interest() == expected


# ---- bank -----------------------------------------------------------------

def test_open_records_opening_deposit():
    bank = make_bank()
    assert [(t.tx_id, t.kind, t.amount, t.target) for t in bank.transactions] == [
        (1, "deposit", 10000, "A"),
        (2, "deposit", 2000, "B"),
    ]


def test_open_overdrawn_records_withdrawal():
    bank = Bank()
    bank.open("N", "neg", balance=-300, overdraft_limit=500)
    assert bank.transactions == [Transaction(1, "withdrawal", 300, "N", None, 0)]
    assert Ledger(bank).replay_balance("N") == -300


def test_open_returns_account_and_records_one_cent():
    bank = Bank()
    acc = bank.open("P", "penny", balance=1)
    assert acc is bank.get("P")
    assert bank.transactions == [Transaction(1, "deposit", 1, None, "P", 0)]


def test_open_zero_balance_records_nothing():
    bank = Bank()
    bank.open("Z", "zed")
    assert bank.transactions == []


def test_open_duplicate_rejected():
    bank = make_bank()
    with pytest.raises(BankError, match="already exists"):
        bank.open("A", "again")


def test_get_unknown_account():
    with pytest.raises(BankError, match="no such account Q"):
        Bank().get("Q")


def test_advance_days():
    bank = Bank()
    assert bank.advance(3) == 3
    assert bank.advance(0) == 3
    with pytest.raises(BankError):
        bank.advance(-1)


def test_deposit_and_withdraw_record_transactions():
    bank = make_bank()
    bank.advance(2)
    dep = bank.deposit("B", 500)
    wd = bank.withdraw("B", 700)
    assert dep == Transaction(3, "deposit", 500, None, "B", 2)
    assert wd == Transaction(4, "withdrawal", 700, "B", None, 2)
    assert bank.get("B").balance == 1800


def test_failed_withdraw_records_nothing():
    bank = make_bank()
    with pytest.raises(InsufficientFunds):
        bank.withdraw("B", 2001)
    assert len(bank.transactions) == 2


def test_transfer_moves_money():
    bank = make_bank()
    tx = bank.transfer("A", "B", 12000)
    assert bank.get("A").balance == -2000
    assert bank.get("B").balance == 14000
    assert (tx.kind, tx.source, tx.target, tx.amount) == ("transfer", "A", "B", 12000)


def test_transfer_insufficient_is_atomic():
    bank = make_bank()
    with pytest.raises(InsufficientFunds):
        bank.transfer("B", "A", 2001)
    assert bank.get("A").balance == 10000
    assert bank.get("B").balance == 2000
    assert len(bank.transactions) == 2


def test_transfer_to_frozen_account_is_atomic():
    bank = make_bank()
    bank.get("B").frozen = True
    with pytest.raises(BankError, match="account B is frozen"):
        bank.transfer("A", "B", 100)
    assert bank.get("A").balance == 10000


def test_transfer_same_account_rejected():
    with pytest.raises(BankError, match="same account"):
        make_bank().transfer("A", "A", 1)


def test_transfer_unknown_target_is_atomic():
    bank = make_bank()
    with pytest.raises(BankError):
        bank.transfer("A", "Q", 100)
    assert bank.get("A").balance == 10000


def test_apply_monthly_interest_posts_and_records():
    bank = make_bank()
    bank.open("C", "carol", balance=-6000, overdraft_limit=6000, annual_rate_bp=110)
    posted = bank.apply_monthly_interest()
    # A: 10000 * 600 / 120000 = 50 ; B has no rate ; C: -11
    assert posted == {"A": 50, "C": -11}
    assert bank.get("A").balance == 10050
    assert bank.get("C").balance == -6011
    last_two = bank.transactions[-2:]
    assert (last_two[0].kind, last_two[0].amount, last_two[0].source, last_two[0].target) == (
        "interest", 50, None, "A")
    assert (last_two[1].amount, last_two[1].source, last_two[1].target) == (11, "C", None)


def test_interest_of_one_cent_is_credited():
    bank = Bank()
    bank.open("S", "s", balance=1200, annual_rate_bp=100)
    assert bank.apply_monthly_interest() == {"S": 1}
    assert bank.transactions[-1] == Transaction(2, "interest", 1, None, "S", 0)
    assert Ledger(bank).is_reconciled()


def test_history_filters_by_account():
    bank = make_bank()
    bank.transfer("A", "B", 100)
    bank.deposit("A", 5)
    assert [t.tx_id for t in bank.history("B")] == [2, 3]
    assert [t.tx_id for t in bank.history("A")] == [1, 3, 4]


# ---- ledger ---------------------------------------------------------------

def test_signed_amount():
    tx = Transaction(1, "transfer", 70, "A", "B", 0)
    assert signed_amount(tx, "A") == -70
    assert signed_amount(tx, "B") == 70
    assert signed_amount(tx, "C") == 0


def test_replay_matches_balance():
    bank = make_bank()
    bank.transfer("A", "B", 300)
    bank.withdraw("B", 100)
    bank.apply_monthly_interest()
    ledger = Ledger(bank)
    assert ledger.replay_balance("A") == bank.get("A").balance
    assert ledger.replay_balance("B") == 2200
    assert ledger.is_reconciled()


def test_replay_up_to_day():
    bank = make_bank()
    bank.advance(1)
    bank.deposit("B", 10)
    bank.advance(1)
    bank.deposit("B", 20)
    ledger = Ledger(bank)
    assert ledger.replay_balance("B", 0) == 2000
    assert ledger.replay_balance("B", 1) == 2010
    assert ledger.replay_balance("B", 2) == 2030


def test_discrepancies_detect_tampering():
    bank = make_bank()
    bank.get("B").balance += 42
    bank.get("A").balance -= 7
    ledger = Ledger(bank)
    assert ledger.discrepancies() == {"A": -7, "B": 42}
    assert not ledger.is_reconciled()


def test_total_deposits_ignores_transfers():
    bank = make_bank()
    bank.transfer("A", "B", 999)
    bank.withdraw("B", 500)
    bank.open("C", "c", balance=-1200, overdraft_limit=2000, annual_rate_bp=100)
    bank.apply_monthly_interest()
    # opening deposits 12000, withdrawal -500, C opened overdrawn -1200, interest A +45, C -2
    ledger = Ledger(bank)
    assert ledger.total_deposits() == 12000 - 500 - 1200 + 45 - 2
    assert ledger.is_reconciled()


def test_total_deposits_simple():
    bank = make_bank()
    bank.withdraw("A", 3000)
    assert Ledger(bank).total_deposits() == 9000


def test_statement_window():
    bank = make_bank()
    bank.advance(1)
    bank.deposit("A", 100)
    bank.advance(1)
    bank.transfer("A", "B", 400)
    bank.advance(1)
    bank.withdraw("A", 50)
    st = Ledger(bank).statement("A", 2, 2)
    assert isinstance(st, Statement)
    assert st.opening == 10100
    assert st.closing == 9700
    assert st.lines == [(2, "transfer", -400, 9700)]


def test_statement_full_range_totals():
    bank = make_bank()
    bank.advance(1)
    bank.deposit("A", 100)
    bank.transfer("A", "B", 400)
    bank.transfer("B", "A", 30)
    st = Ledger(bank).statement("A", 0, 5)
    assert st.opening == 0
    assert st.lines == [
        (0, "deposit", 10000, 10000),
        (1, "deposit", 100, 10100),
        (1, "transfer", -400, 9700),
        (1, "transfer", 30, 9730),
    ]
    assert st.total_in() == 10130
    assert st.total_out() == 400
    assert st.closing == bank.get("A").balance


def test_statement_totals_count_one_cent():
    bank = make_bank()
    bank.deposit("B", 1)
    bank.withdraw("B", 1)
    st = Ledger(bank).statement("B", 0, 0)
    assert (st.total_in(), st.total_out()) == (2001, 1)


def test_statement_excludes_later_days():
    bank = make_bank()
    bank.advance(4)
    bank.deposit("B", 1)
    st = Ledger(bank).statement("B", 0, 3)
    assert st.closing == 2000
    assert len(st.lines) == 1


def test_statement_bad_range():
    with pytest.raises(ValueError):
        Ledger(make_bank()).statement("A", 3, 2)
