// jsdom lacks browser APIs antd reads at import time.
import '@testing-library/jest-dom';
