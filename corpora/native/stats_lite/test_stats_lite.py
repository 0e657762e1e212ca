import math

import pytest

import stats_lite as sl

DATA = [2, 4, 4, 4, 5, 5, 7, 9]


def test_mean():
    assert sl.mean(DATA) == 5.0


def test_mean_single():
    assert sl.mean([3.5]) == 3.5


def test_mean_empty_raises():
    with pytest.raises(sl.StatsError):
        sl.mean([])


def test_stats_error_is_value_error():
    assert issubclass(sl.StatsError, ValueError)


@pytest.mark.parametrize(
    "data, expected",
    [([3, 1, 2], 2), ([4, 1, 3, 2], 2.5), ([7], 7), ([5, 1], 3.0), ([9, 2, 7, 4, 1], 4)],
)
def test_median(data, expected):
    assert sl.median(data) == expected


def test_median_empty():
    with pytest.raises(sl.StatsError):
        sl.median([])


def test_modes_single():
    assert sl.modes(DATA) == [4]


def test_modes_multiple_sorted():
    assert sl.modes([3, 1, 3, 1, 2]) == [1, 3]


def test_modes_all_unique():
    assert sl.modes([5, 2, 9]) == [2, 5, 9]


def test_modes_strings():
    assert sl.modes(["b", "a", "b"]) == ["b"]


def test_modes_empty():
    with pytest.raises(sl.StatsError):
        sl.modes([])


def test_mode_unique():
    assert sl.mode([1, 2, 2, 3]) == 2


def test_mode_tie_raises():
    with pytest.raises(sl.StatsError):
        sl.mode([1, 1, 2, 2])


def test_population_variance():
    assert sl.variance(DATA) == 4.0


def test_sample_variance():
    assert sl.variance(DATA, sample=True) == pytest.approx(32 / 7, rel=1e-12)


def test_population_variance_single_point():
    assert sl.variance([42]) == 0.0


def test_sample_variance_needs_two_points():
    with pytest.raises(sl.StatsError):
        sl.variance([42], sample=True)


def test_sample_variance_two_points():
    assert sl.variance([1, 3], sample=True) == 2.0


def test_population_variance_empty():
    with pytest.raises(sl.StatsError):
        sl.variance([])


def test_stdev_population():
    assert sl.stdev(DATA) == 2.0


def test_stdev_sample():
    assert sl.stdev(DATA, sample=True) == pytest.approx(math.sqrt(32 / 7), rel=1e-12)


@pytest.mark.parametrize(
    "p, expected",
    [(0, 15), (100, 50), (40, 29.0), (50, 35), (25, 20), (90, 46.0), (10, 17.0)],
)
def test_percentile_interpolation(p, expected):
    assert sl.percentile([35, 20, 50, 15, 40], p) == pytest.approx(expected, rel=1e-12)


def test_percentile_even_count():
    assert sl.percentile([1, 2, 3, 4], 25) == pytest.approx(1.75)
    assert sl.percentile([1, 2, 3, 4], 50) == pytest.approx(2.5)


def test_percentile_single_value():
    assert sl.percentile([8], 73) == 8


@pytest.mark.parametrize("p", [-0.1, 100.5])
def test_percentile_out_of_range(p):
    with pytest.raises(sl.StatsError):
        sl.percentile([1, 2, 3], p)


def test_percentile_empty():
    with pytest.raises(sl.StatsError):
        sl.percentile([], 50)


def test_z_scores_population():
    assert sl.z_scores(DATA) == [-1.5, -0.5, -0.5, -0.5, 0.0, 0.0, 1.0, 2.0]


def test_z_scores_sample():
    sd = math.sqrt(2.0)
    assert sl.z_scores([1, 3], sample=True) == pytest.approx([-1 / sd, 1 / sd])


def test_z_scores_constant_data():
    with pytest.raises(sl.StatsError):
        sl.z_scores([4, 4, 4])


def test_covariance():
    assert sl.covariance([1, 2, 3], [1, 3, 8]) == pytest.approx(7 / 3, rel=1e-12)


def test_covariance_two_points():
    assert sl.covariance([1, 3], [2, 6]) == 2.0


def test_covariance_single_point():
    with pytest.raises(sl.StatsError):
        sl.covariance([5], [3])


def test_covariance_length_mismatch():
    with pytest.raises(sl.StatsError):
        sl.covariance([1, 2, 3], [1, 2])


def test_covariance_negative():
    assert sl.covariance([1, 2, 3], [6, 4, 2]) == pytest.approx(-4 / 3, rel=1e-12)


def test_pearson():
    assert sl.pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]) == pytest.approx(0.7745966692414834, rel=1e-12)


def test_pearson_perfect_negative():
    assert sl.pearson([1, 2, 3], [10, 7, 4]) == pytest.approx(-1.0, rel=1e-12)


def test_pearson_length_mismatch():
    with pytest.raises(sl.StatsError):
        sl.pearson([1, 2, 3], [1, 2])


def test_pearson_too_few_points():
    with pytest.raises(sl.StatsError):
        sl.pearson([1], [2])


@pytest.mark.parametrize("xs, ys", [([1, 1, 1], [1, 2, 3]), ([1, 2, 3], [5, 5, 5])])
def test_pearson_constant_data(xs, ys):
    with pytest.raises(sl.StatsError):
        sl.pearson(xs, ys)


def test_linear_regression():
    slope, intercept, r2 = sl.linear_regression([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])
    assert slope == pytest.approx(0.6, rel=1e-12)
    assert intercept == pytest.approx(2.2, rel=1e-12)
    assert r2 == pytest.approx(0.6, rel=1e-12)


def test_linear_regression_perfect_fit():
    slope, intercept, r2 = sl.linear_regression([0, 1, 2, 3], [1, 3, 5, 7])
    assert (slope, intercept, r2) == (2.0, 1.0, 1.0)


def test_linear_regression_negative_slope():
    slope, intercept, r2 = sl.linear_regression([0, 2, 4], [5, 2, 0])
    assert slope == pytest.approx(-1.25, rel=1e-12)
    assert intercept == pytest.approx(29 / 6, rel=1e-12)
    assert r2 == pytest.approx(1 - (1 / 6) / (38 / 3), rel=1e-12)


def test_linear_regression_constant_y():
    assert sl.linear_regression([1, 2, 3], [4, 4, 4]) == (0.0, 4.0, 1.0)


def test_linear_regression_constant_x():
    with pytest.raises(sl.StatsError):
        sl.linear_regression([2, 2, 2], [1, 2, 3])


def test_linear_regression_mismatch():
    with pytest.raises(sl.StatsError):
        sl.linear_regression([1, 2], [1, 2, 3])


def test_histogram_default_range():
    assert sl.histogram([1, 2, 2, 3, 3, 3, 4, 4, 4, 4], 3) == [1, 2, 7]


def test_histogram_bin_boundaries():
    assert sl.histogram([0, 1, 2, 3, 4], 4) == [1, 1, 1, 2]


def test_histogram_explicit_range_drops_outliers():
    assert sl.histogram([-1, 0, 5, 9.99, 10, 11], 2, lo=0, hi=10) == [1, 3]


def test_histogram_single_bin():
    assert sl.histogram([3, 1, 2], 1) == [3]


def test_histogram_zero_width():
    assert sl.histogram([5, 5, 5], 3) == [0, 0, 3]


def test_histogram_rounding_at_top_edge():
    assert sl.histogram([0.0, 0.9999999999999999, 1.0], 3) == [1, 0, 2]


def test_histogram_bad_bins():
    with pytest.raises(sl.StatsError):
        sl.histogram([1, 2], 0)


def test_histogram_empty():
    with pytest.raises(sl.StatsError):
        sl.histogram([], 2)


def test_histogram_inverted_range():
    with pytest.raises(sl.StatsError):
        sl.histogram([1, 2], 2, lo=5, hi=1)


def test_bin_edges():
    assert sl.bin_edges(0, 10, 4) == [0, 2.5, 5.0, 7.5, 10]
    assert sl.bin_edges(2, 10, 4) == [2, 4, 6, 8, 10]


def test_bin_edges_single():
    assert sl.bin_edges(-1, 1, 1) == [-1, 1]


def test_bin_edges_bad_bins():
    with pytest.raises(sl.StatsError):
        sl.bin_edges(0, 1, 0)
