"""Line-oriented serial QR/barcode scanners: the public face of the driver.

The core imports from here only; the framing and the reader thread behind it
can change without touching it.
"""

from drivers.scanner.framing import CodeScanned, LineFramer, ScannerEvent, StatusChanged, Suffix
from drivers.scanner.reader import ScannerReader

__all__ = ["CodeScanned", "LineFramer", "ScannerEvent", "ScannerReader", "StatusChanged", "Suffix"]
