import pytest

from linked_list import DoublyLinkedList, SinglyLinkedList


def forward_and_back(dll):
    """Return the forward contents after checking the backward links agree."""
    forward = list(dll)
    assert list(reversed(dll)) == forward[::-1]
    assert len(dll) == len(forward)
    return forward


def singly_state(sll):
    items = list(sll)
    assert len(sll) == len(items)
    if items:
        assert sll.head.value == items[0]
        assert sll.tail.value == items[-1]
        assert sll.tail.next is None
    else:
        assert sll.head is None and sll.tail is None
    return items


# ---------------------------------------------------------------- singly linked

def test_singly_empty():
    s = SinglyLinkedList()
    assert singly_state(s) == []
    assert len(s) == 0


def test_singly_append_and_prepend():
    s = SinglyLinkedList([2, 3])
    s.prepend(1)
    s.append(4)
    assert singly_state(s) == [1, 2, 3, 4]


def test_singly_prepend_on_empty_sets_tail():
    s = SinglyLinkedList()
    s.prepend("x")
    s.append("y")
    assert singly_state(s) == ["x", "y"]


def test_singly_repr():
    assert repr(SinglyLinkedList([1, "a"])) == "SinglyLinkedList([1, 'a'])"


@pytest.mark.parametrize(
    "index, expected",
    [(0, [9, 1, 2, 3]), (1, [1, 9, 2, 3]), (2, [1, 2, 9, 3]), (3, [1, 2, 3, 9])],
)
def test_singly_insert_positions(index, expected):
    s = SinglyLinkedList([1, 2, 3])
    s.insert(index, 9)
    assert singly_state(s) == expected


@pytest.mark.parametrize("index", [-1, 4])
def test_singly_insert_out_of_range(index):
    with pytest.raises(IndexError):
        SinglyLinkedList([1, 2, 3]).insert(index, 0)


def test_singly_find():
    s = SinglyLinkedList([5, 6, 7, 6])
    assert s.find(6) == 1
    assert s.find(5) == 0
    assert s.find(8) == -1


def test_singly_remove_middle():
    s = SinglyLinkedList([1, 2, 3, 2])
    assert s.remove(2) is True
    assert singly_state(s) == [1, 3, 2]


def test_singly_remove_head():
    s = SinglyLinkedList([1, 2])
    assert s.remove(1)
    assert singly_state(s) == [2]


def test_singly_remove_tail_updates_tail():
    s = SinglyLinkedList([1, 2, 3])
    assert s.remove(3)
    s.append(4)
    assert singly_state(s) == [1, 2, 4]


def test_singly_remove_only_element():
    s = SinglyLinkedList([1])
    assert s.remove(1)
    assert singly_state(s) == []


def test_singly_remove_missing():
    s = SinglyLinkedList([1, 2])
    assert s.remove(5) is False
    assert singly_state(s) == [1, 2]


def test_singly_pop_default_last():
    s = SinglyLinkedList([1, 2, 3])
    assert s.pop() == 3
    assert singly_state(s) == [1, 2]


@pytest.mark.parametrize("index, value, rest", [(0, "a", ["b", "c"]), (1, "b", ["a", "c"]), (-3, "a", ["b", "c"]),
                                                (-2, "b", ["a", "c"]), (2, "c", ["a", "b"])])
def test_singly_pop_index(index, value, rest):
    s = SinglyLinkedList(["a", "b", "c"])
    assert s.pop(index) == value
    assert singly_state(s) == rest


def test_singly_pop_empty():
    with pytest.raises(IndexError):
        SinglyLinkedList().pop()


@pytest.mark.parametrize("index", [3, -4])
def test_singly_pop_out_of_range(index):
    with pytest.raises(IndexError):
        SinglyLinkedList([1, 2, 3]).pop(index)


def test_singly_reverse():
    s = SinglyLinkedList([1, 2, 3, 4])
    s.reverse()
    assert singly_state(s) == [4, 3, 2, 1]
    s.append(0)
    assert singly_state(s) == [4, 3, 2, 1, 0]


def test_singly_reverse_empty_and_single():
    empty = SinglyLinkedList()
    empty.reverse()
    assert singly_state(empty) == []
    one = SinglyLinkedList([7])
    one.reverse()
    assert singly_state(one) == [7]


def test_singly_to_list_slices():
    s = SinglyLinkedList(range(6))
    assert s.to_list() == [0, 1, 2, 3, 4, 5]
    assert s.to_list(1, 4) == [1, 2, 3]
    assert s.to_list(None, None, 2) == [0, 2, 4]
    assert s.to_list(-2) == [4, 5]


def test_singly_remove_duplicates():
    s = SinglyLinkedList([1, 2, 1, 3, 2, 2, 4])
    assert s.remove_duplicates() == 3
    assert singly_state(s) == [1, 2, 3, 4]


def test_singly_remove_duplicates_at_tail():
    s = SinglyLinkedList([5, 6, 5, 5])
    assert s.remove_duplicates() == 2
    s.append(7)
    assert singly_state(s) == [5, 6, 7]


def test_singly_remove_duplicates_empty():
    s = SinglyLinkedList()
    assert s.remove_duplicates() == 0
    assert singly_state(s) == []


def test_singly_remove_duplicates_single():
    s = SinglyLinkedList([4])
    assert s.remove_duplicates() == 0
    assert singly_state(s) == [4]


def test_singly_remove_duplicates_none():
    s = SinglyLinkedList([1, 2, 3])
    assert s.remove_duplicates() == 0
    assert singly_state(s) == [1, 2, 3]


# ---------------------------------------------------------------- doubly linked

def test_doubly_empty():
    d = DoublyLinkedList()
    assert forward_and_back(d) == []
    assert d.head is None and d.tail is None


def test_doubly_append_prepend():
    d = DoublyLinkedList([2])
    d.prepend(1)
    d.append(3)
    d.prepend(0)
    assert forward_and_back(d) == [0, 1, 2, 3]


def test_doubly_prepend_empty():
    d = DoublyLinkedList()
    d.prepend(1)
    assert forward_and_back(d) == [1]
    assert d.head is d.tail


def test_doubly_repr():
    assert repr(DoublyLinkedList([3, 4])) == "DoublyLinkedList([3, 4])"


@pytest.mark.parametrize(
    "index, expected",
    [(0, [9, 1, 2, 3, 4]), (1, [1, 9, 2, 3, 4]), (2, [1, 2, 9, 3, 4]), (3, [1, 2, 3, 9, 4]),
     (4, [1, 2, 3, 4, 9])],
)
def test_doubly_insert_positions(index, expected):
    d = DoublyLinkedList([1, 2, 3, 4])
    d.insert(index, 9)
    assert forward_and_back(d) == expected


@pytest.mark.parametrize("index", [-1, 5])
def test_doubly_insert_out_of_range(index):
    with pytest.raises(IndexError):
        DoublyLinkedList([1, 2, 3, 4]).insert(index, 0)


def test_doubly_find():
    d = DoublyLinkedList("abcb")
    assert d.find("b") == 1
    assert d.find("a") == 0
    assert d.find("z") == -1


@pytest.mark.parametrize(
    "value, expected", [(1, [2, 3]), (2, [1, 3]), (3, [1, 2])]
)
def test_doubly_remove(value, expected):
    d = DoublyLinkedList([1, 2, 3])
    assert d.remove(value) is True
    assert forward_and_back(d) == expected


def test_doubly_remove_missing():
    d = DoublyLinkedList([1])
    assert d.remove(2) is False
    assert forward_and_back(d) == [1]


def test_doubly_remove_last_element():
    d = DoublyLinkedList([1])
    assert d.remove(1)
    assert d.head is None and d.tail is None
    d.append(2)
    assert forward_and_back(d) == [2]


@pytest.mark.parametrize(
    "index, value, rest",
    [(0, 10, [11, 12, 13, 14]), (1, 11, [10, 12, 13, 14]), (2, 12, [10, 11, 13, 14]),
     (3, 13, [10, 11, 12, 14]), (4, 14, [10, 11, 12, 13]), (-1, 14, [10, 11, 12, 13]),
     (-5, 10, [11, 12, 13, 14])],
)
def test_doubly_pop_index(index, value, rest):
    d = DoublyLinkedList([10, 11, 12, 13, 14])
    assert d.pop(index) == value
    assert forward_and_back(d) == rest


def test_doubly_pop_default_and_popleft():
    d = DoublyLinkedList([1, 2, 3])
    assert d.pop() == 3
    assert d.popleft() == 1
    assert forward_and_back(d) == [2]


def test_doubly_pop_empty():
    with pytest.raises(IndexError):
        DoublyLinkedList().pop()


@pytest.mark.parametrize("index", [2, -3])
def test_doubly_pop_out_of_range(index):
    with pytest.raises(IndexError):
        DoublyLinkedList([1, 2]).pop(index)


def test_doubly_reverse():
    d = DoublyLinkedList([1, 2, 3])
    d.reverse()
    assert forward_and_back(d) == [3, 2, 1]
    d.append(0)
    d.prepend(4)
    assert forward_and_back(d) == [4, 3, 2, 1, 0]


def test_doubly_reverse_empty():
    d = DoublyLinkedList()
    d.reverse()
    assert forward_and_back(d) == []


def test_doubly_to_list_slices():
    d = DoublyLinkedList(range(5))
    assert d.to_list(1, 3) == [1, 2]
    assert d.to_list(step=-1) == [4, 3, 2, 1, 0]
    assert d.to_list() == [0, 1, 2, 3, 4]


def test_doubly_remove_duplicates():
    d = DoublyLinkedList(["a", "b", "a", "c", "b", "b"])
    assert d.remove_duplicates() == 3
    assert forward_and_back(d) == ["a", "b", "c"]


def test_doubly_remove_duplicates_none():
    d = DoublyLinkedList([3, 1, 2])
    assert d.remove_duplicates() == 0
    assert forward_and_back(d) == [3, 1, 2]
