// The demo bookstore's catalogue and its Vietnamese and English texts. Product ids match the
// seeded journeys (scripts/seed.mjs), so the report mixes demo clicks with the seeded shop.
export const BOOKS = [
  { id: 'bk-001', name: 'Dế Mèn phiêu lưu ký', author: 'Tô Hoài', price: 68000, category: 'children',
    vi: 'Chuyến phiêu lưu của chú dế mèn qua thế giới loài vật.', en: 'A young cricket’s adventures across the animal world.' },
  { id: 'bk-002', name: 'Số đỏ', author: 'Vũ Trọng Phụng', price: 85000, category: 'fiction',
    vi: 'Tiểu thuyết trào phúng về Hà Nội thập niên 1930.', en: 'A satirical novel of 1930s Hà Nội.' },
  { id: 'bk-003', name: 'Nhà giả kim', author: 'Paulo Coelho', price: 79000, category: 'fiction',
    vi: 'Hành trình đi tìm kho báu và ước mơ của chàng chăn cừu.', en: 'A shepherd’s journey after his treasure and his dream.' },
  { id: 'bk-004', name: 'Tuổi thơ dữ dội', author: 'Phùng Quán', price: 120000, category: 'fiction',
    vi: 'Những thiếu niên trinh sát trong kháng chiến ở Huế.', en: 'Young scouts in the resistance in Huế.' },
  { id: 'bk-005', name: 'Cho tôi xin một vé đi tuổi thơ', author: 'Nguyễn Nhật Ánh', price: 95000, category: 'children',
    vi: 'Một tấm vé trở về tuổi thơ, hóm hỉnh và ấm áp.', en: 'A warm, witty ticket back to childhood.' },
  { id: 'bk-006', name: 'Sapiens', author: 'Yuval Noah Harari', price: 199000, category: 'nonfiction',
    vi: 'Lược sử loài người.', en: 'A brief history of humankind.' },
  { id: 'bk-007', name: 'Atomic Habits', author: 'James Clear', price: 159000, category: 'nonfiction',
    vi: 'Thay đổi tí hon, hiệu quả bất ngờ.', en: 'Tiny changes, remarkable results.' },
];

export const bookById = (id) => BOOKS.find((b) => b.id === id);

export const T = {
  vi: {
    shop: 'Nhà sách Lá Xanh', tagline: 'Sách hay, giao nhanh — 2% mỗi đơn góp vào quỹ trồng rừng.',
    home: 'Trang chủ', books: 'Tất cả sách', cart: 'Giỏ hàng', checkout: 'Thanh toán', thanks: 'Cảm ơn bạn',
    featured: 'Sách nổi bật', book: 'Sách', seeAll: 'Xem tất cả sách', by: 'Tác giả', add: 'Thêm vào giỏ', remove: 'Bỏ',
    emptyCart: 'Giỏ hàng đang trống.', total: 'Tổng cộng', qty: 'Số lượng', toCheckout: 'Tiến hành thanh toán',
    name: 'Họ tên', address: 'Địa chỉ giao hàng', pay: 'Thanh toán khi nhận hàng', placeOrder: 'Đặt hàng',
    orderDone: 'Đơn hàng của bạn đã được ghi nhận', orderNo: 'Mã đơn', keepShopping: 'Tiếp tục mua sắm',
    rateOrder: 'Bạn thấy việc đặt hàng hôm nay thế nào?',
    exitQuestion: 'Bạn thấy mua sắm đến giờ thế nào?',
    lang: 'English', langCode: 'en', back: 'Quay lại giỏ hàng', unknownOrder: 'Không tìm thấy đơn hàng.',
    demoNote: 'Cửa hàng minh họa: không có thanh toán thật.', demoLink: 'bản demo touchpoint', reportLink: 'báo cáo hành trình cảm xúc',
  },
  en: {
    shop: 'Green Leaf Books', tagline: 'Good books, fast delivery — 2% of every order goes to a reforestation fund.',
    home: 'Home', books: 'All books', cart: 'Cart', checkout: 'Checkout', thanks: 'Thank you',
    featured: 'Featured books', book: 'Book', seeAll: 'See all books', by: 'By', add: 'Add to cart', remove: 'Remove',
    emptyCart: 'Your cart is empty.', total: 'Total', qty: 'Quantity', toCheckout: 'Go to checkout',
    name: 'Full name', address: 'Delivery address', pay: 'Cash on delivery', placeOrder: 'Place order',
    orderDone: 'Your order is confirmed', orderNo: 'Order', keepShopping: 'Keep shopping',
    rateOrder: 'How was ordering today?',
    exitQuestion: 'How was shopping so far?',
    lang: 'Tiếng Việt', langCode: 'vi', back: 'Back to the cart', unknownOrder: 'Order not found.',
    demoNote: 'A demo shop: nothing is really paid or shipped.', demoLink: 'touchpoint demo', reportLink: 'emotional journey report',
  },
};

/** 68000 → "68.000 ₫" (vi) / "₫68,000" (en). */
export const money = (lang, v) =>
  new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { style: 'currency', currency: 'VND' }).format(v);
