() => {
  const seen = new Set(), out = [];
  const picks = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]:not([tabindex="-1"])';
  for (const node of document.querySelectorAll(picks)) {
    if (!node.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    let target = node;
    if (node.matches('input[type=radio], input[type=checkbox]') && node.closest('label')) target = node.closest('label');
    if (seen.has(target)) continue;
    seen.add(target);
    if (target.matches('a') && target.closest('p, li, dd, td, span.muted') && !target.matches('.button, [role=button]')) {
      const block = target.closest('p, li, dd, td, span.muted');
      const words = block.textContent.replace(target.textContent, '').replace(/[\s·|,.()]+/g, '');
      if (words.length) continue;
    }
    let box = target.getBoundingClientRect();
    if (box.right <= 0 || box.bottom <= 0) continue;  // moved off the page until focused (the skip link)
    if (target === node && node.labels && node.labels.length && node.matches('input[type=radio], input[type=checkbox]')) {
      // A box with its label beside it: a tap on either is a tap on the box, so the row is the target.
      const boxes = [box, ...[...node.labels].map(l => l.getBoundingClientRect())];
      const left = Math.min(...boxes.map(b => b.left)), right = Math.max(...boxes.map(b => b.right));
      const top = Math.min(...boxes.map(b => b.top)), bottom = Math.max(...boxes.map(b => b.bottom));
      box = {width: right - left, height: bottom - top};
    }
    if (box.width < 43.5 || box.height < 43.5) {
      const label = (target.innerText || target.value || target.getAttribute('aria-label') || target.name || target.tagName).trim().slice(0, 40);
      out.push(`${target.tagName.toLowerCase()} "${label}" ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return out;
}
