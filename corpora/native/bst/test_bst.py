import pytest

from bst import BST

KEYS = [50, 30, 70, 20, 40, 60, 80, 35, 45, 65]
#            50
#        30       70
#      20  40   60  80
#         35 45   65


@pytest.fixture
def tree():
    return BST(KEYS)


def test_empty_tree():
    t = BST()
    assert len(t) == 0
    assert t.inorder() == []
    assert t.preorder() == []
    assert t.postorder() == []
    assert t.level_order() == []
    assert t.height() == -1
    assert t.is_balanced()


def test_insert_returns_flag_and_ignores_duplicates():
    t = BST()
    assert t.insert(5) is True
    assert t.insert(3) is True
    assert t.insert(5) is False
    assert t.insert(3) is False
    assert len(t) == 2


def test_len(tree):
    assert len(tree) == 10


@pytest.mark.parametrize("key, present", [(50, True), (35, True), (65, True), (80, True), (20, True), (55, False),
                                          (10, False), (90, False), (46, False)])
def test_contains(tree, key, present):
    assert tree.contains(key) is present
    assert (key in tree) is present


def test_inorder(tree):
    assert tree.inorder() == [20, 30, 35, 40, 45, 50, 60, 65, 70, 80]


def test_preorder(tree):
    assert tree.preorder() == [50, 30, 20, 40, 35, 45, 70, 60, 65, 80]


def test_postorder(tree):
    assert tree.postorder() == [20, 35, 45, 40, 30, 65, 60, 80, 70, 50]


def test_level_order(tree):
    assert tree.level_order() == [[50], [30, 70], [20, 40, 60, 80], [35, 45, 65]]


def test_height(tree):
    assert tree.height() == 3
    assert BST([1]).height() == 0
    assert BST([1, 2, 3, 4]).height() == 3


def test_min_max(tree):
    assert tree.min() == 20
    assert tree.max() == 80


def test_min_max_empty():
    with pytest.raises(ValueError):
        BST().min()
    with pytest.raises(ValueError):
        BST().max()


def test_delete_leaf(tree):
    assert tree.delete(65) is True
    assert len(tree) == 9
    assert tree.level_order() == [[50], [30, 70], [20, 40, 60, 80], [35, 45]]


def test_delete_node_with_only_right_child(tree):
    assert tree.delete(60)
    assert tree.level_order() == [[50], [30, 70], [20, 40, 65, 80], [35, 45]]


def test_delete_only_right_child_subtree_moves_up():
    t = BST([50, 30, 60, 70, 65])
    assert t.delete(60)
    assert t.level_order() == [[50], [30, 70], [65]]


def test_delete_node_with_only_left_child():
    t = BST([10, 5, 3])
    assert t.delete(5)
    assert t.preorder() == [10, 3]


def test_delete_node_with_two_children(tree):
    assert tree.delete(30)
    # successor 35 replaces 30
    assert tree.level_order() == [[50], [35, 70], [20, 40, 60, 80], [45, 65]]
    assert tree.inorder() == [20, 35, 40, 45, 50, 60, 65, 70, 80]


def test_delete_root_with_two_children(tree):
    assert tree.delete(50)
    assert tree.preorder() == [60, 30, 20, 40, 35, 45, 70, 65, 80]
    assert len(tree) == 9


def test_delete_successor_with_right_child():
    t = BST([10, 5, 20, 15, 30, 17])
    assert t.delete(10)
    assert t.preorder() == [15, 5, 20, 17, 30]


def test_delete_only_node():
    t = BST([1])
    assert t.delete(1)
    assert len(t) == 0
    assert t.inorder() == []
    t.insert(2)
    assert t.inorder() == [2]


def test_delete_missing(tree):
    assert tree.delete(99) is False
    assert tree.delete(1) is False
    assert tree.delete(36) is False
    assert len(tree) == 10


def test_is_balanced(tree):
    assert tree.is_balanced()


def test_chain_is_not_balanced():
    assert not BST([1, 2, 3]).is_balanced()
    assert not BST([3, 2, 1]).is_balanced()


def test_unbalanced_deep_in_left_subtree():
    # the left subtree 5 -> 3 -> 2 is a chain, so node 5 is unbalanced
    t = BST([10, 5, 15, 3, 2, 12, 17])
    assert t.height() == 3
    assert not t.is_balanced()


def test_unbalanced_in_right_subtree_only():
    t = BST([10, 5, 15, 3, 7, 20, 25])
    assert not t.is_balanced()


def test_balanced_with_height_difference_one():
    assert BST([2, 1, 3, 4]).is_balanced()
    assert BST([2, 1]).is_balanced()


@pytest.mark.parametrize("k, expected", [(1, 20), (2, 30), (5, 45), (6, 50), (10, 80)])
def test_kth_smallest(tree, k, expected):
    assert tree.kth_smallest(k) == expected


@pytest.mark.parametrize("k", [0, 11, -1])
def test_kth_smallest_out_of_range(tree, k):
    with pytest.raises(ValueError):
        tree.kth_smallest(k)


@pytest.mark.parametrize("key, expected", [(50, 50), (52, 50), (64, 60), (66, 65), (19, None), (100, 80), (36, 35),
                                           (44, 40)])
def test_floor(tree, key, expected):
    assert tree.floor(key) == expected


@pytest.mark.parametrize("key, expected", [(50, 50), (52, 60), (36, 40), (46, 50), (81, None), (0, 20), (61, 65),
                                           (21, 30)])
def test_ceiling(tree, key, expected):
    assert tree.ceiling(key) == expected


def test_floor_ceiling_empty():
    assert BST().floor(5) is None
    assert BST().ceiling(5) is None


@pytest.mark.parametrize(
    "lo, hi, expected",
    [
        (35, 65, [35, 40, 45, 50, 60, 65]),
        (36, 64, [40, 45, 50, 60]),
        (0, 100, [20, 30, 35, 40, 45, 50, 60, 65, 70, 80]),
        (81, 90, []),
        (50, 50, [50]),
        (20, 30, [20, 30]),
        (70, 80, [70, 80]),
        (60, 40, []),
    ],
)
def test_range_query(tree, lo, hi, expected):
    assert tree.range_query(lo, hi) == expected


def test_string_keys():
    t = BST(["m", "c", "x", "a"])
    assert t.inorder() == ["a", "c", "m", "x"]
    assert t.floor("b") == "a"
    assert t.ceiling("n") == "x"
