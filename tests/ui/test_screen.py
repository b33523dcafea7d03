from ui import screen


def test_views_rotate_with_the_clock():
    views = [None, "wuli", "andong"]
    assert [screen.view_at(views, 20, now) for now in (0, 19.9, 20, 45, 60)] == [None, None, "wuli", "andong", None]


def test_canvas_sizes_scale():
    setup = screen.Settings(interval=20, paused=False, rotate=True, show_names=False, scale=2.0)
    assert setup.px(740) == 1480
