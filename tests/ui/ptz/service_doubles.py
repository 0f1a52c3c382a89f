"""The clients of the service's presets and PTZ log (platform/presets.py) carried out on a
real store, as the service carries them out (gateway/ptz_records.py): writes in the client's
operator's name at the time given, the store's refusals and failures raised as the
PlatformError the client raises. For the views' tests, which need no service process; the
real clients against the real service are tested in tests/platform/ and
tests/ui/ptz/test_two_databases.py."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from patrol_app.domain.codes import Code
from patrol_app.domain.ptz_records import PresetPatrolView, PresetView, PtzAuditView
from patrol_app.platform.http import PlatformError
from patrol_app.store.database import DatabaseError
from patrol_app.store.ptz import PresetStore, PtzAuditStore, PtzStoreError

T = TypeVar("T")


def _as_service(call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    try:
        return call(*args, **kwargs)
    except PtzStoreError as error:
        raise PlatformError(str(error), code=Code.BAD_REQUEST) from error
    except DatabaseError as error:
        raise PlatformError(str(error), code=Code.INTERNAL_ERROR) from error


class StorePresets:
    """PresetClient's calls on ``store``."""

    def __init__(
        self,
        store: PresetStore,
        operator: str = "值班员甲",
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self.operator = operator
        self._clock = clock

    def presets(self, camera_num: str) -> list[PresetView]:
        return _as_service(self.store.presets, camera_num)

    def rename(self, camera_num: str, number: int, name: str) -> None:
        by, now = self.operator, self._clock()
        _as_service(self.store.save, camera_num, number, name, by=by, now=now)

    def patrols(self, camera_num: str) -> list[PresetPatrolView]:
        return _as_service(self.store.patrols, camera_num)

    def save_patrol(self, camera_num: str, name: str, steps: Sequence[tuple[int, float]]) -> None:
        by, now = self.operator, self._clock()
        _as_service(self.store.save_patrol, camera_num, name, steps, by=by, now=now)

    def remove_patrol(self, camera_num: str, name: str) -> None:
        _as_service(self.store.remove_patrol, camera_num, name)


class StoreAudit:
    """PtzAuditClient's ``browse`` on ``store``."""

    def __init__(self, store: PtzAuditStore) -> None:
        self.store = store

    def browse(self, **filters: Any) -> list[PtzAuditView]:
        return _as_service(self.store.browse, **filters)
